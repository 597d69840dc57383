import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DevToolSignIn } from '../ui/DevToolSignIn';
import { Providers } from '../ui/Providers';
import { DevMailPage } from './DevMailPage';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <Providers>
      <DevToolSignIn path="/dev/mail" name="dev mailbox">
        <DevMailPage />
      </DevToolSignIn>
    </Providers>
  </StrictMode>,
);
