import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const web = fileURLToPath(new URL('./web', import.meta.url));

/**
 * In `npm run dev:web`, answer each app's index.html for its client-side routes, as the server does:
 * /portal/… → portal/index.html, /dev/phone → dev-phone/index.html, /dev/mail → dev-mail/index.html,
 * anything else that is not a file or an API path → staff/index.html.
 */
function spaFallback(): Plugin {
  return {
    name: 'parley-spa-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '/';
        const wantsHtml = (req.headers.accept ?? '').includes('text/html');
        const path = url.split('?')[0] ?? '/';
        if (req.method === 'GET' && wantsHtml && /^\/dev\/phone\/?$/.test(path)) {
          req.url = '/dev-phone/index.html';
        } else if (req.method === 'GET' && wantsHtml && /^\/dev\/mail\/?$/.test(path)) {
          req.url = '/dev-mail/index.html';
        } else if (
          req.method === 'GET' &&
          wantsHtml &&
          !/^\/(api|webhooks|dev|@|node_modules)/.test(path) &&
          // A secure chat token has a dot in it, but is a page, not a file.
          (path.startsWith('/m/') || !/\.\w+$/.test(path))
        ) {
          req.url = path.startsWith('/m/')
            ? '/secure-chat/index.html'
            : path === '/portal' || path.startsWith('/portal/')
              ? '/portal/index.html'
              : '/staff/index.html';
        }
        next();
      });
    },
  };
}

// Multi-page build: web/staff (served at /), web/portal (served at /portal) and the development-only
// web/dev-phone (served at /dev/phone) and web/dev-mail (served at /dev/mail) share web/ui and one assets/
// folder of content-hashed files, which the server caches for a year.
export default defineConfig({
  root: web,
  base: '/',
  publicDir: false,
  plugins: [react(), spaFallback()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: {
        staff: `${web}/staff/index.html`,
        portal: `${web}/portal/index.html`,
        devPhone: `${web}/dev-phone/index.html`,
        devMail: `${web}/dev-mail/index.html`,
        secureChat: `${web}/secure-chat/index.html`,
      },
      output: { chunkFileNames: 'assets/shared-[hash].js' },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:8080', ws: true },
      // The development API only: /dev/phone and browser navigations to /dev/mail are pages of this build.
      '^/dev/(sms|mail)': 'http://localhost:8080',
    },
  },
});
