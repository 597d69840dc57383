import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DevToolSignIn } from '../ui/DevToolSignIn';
import { Providers } from '../ui/Providers';
import { DevPhonePage } from './DevPhonePage';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <Providers>
      <DevToolSignIn path="/dev/phone" name="simulated phone">
        <DevPhonePage />
      </DevToolSignIn>
    </Providers>
  </StrictMode>,
);
