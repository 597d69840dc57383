import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Providers } from '../ui/Providers';
import { DevMailPage } from './DevMailPage';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <Providers>
      <DevMailPage />
    </Providers>
  </StrictMode>,
);
