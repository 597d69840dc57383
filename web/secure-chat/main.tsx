import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Providers } from '../ui/Providers';
import { tokenFromPath } from './model';
import { SecureChatPage } from './SecureChatPage';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <Providers>
      <SecureChatPage token={tokenFromPath(window.location.pathname)} />
    </Providers>
  </StrictMode>,
);
