import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The dashboard as static files for the gateway (dist/apps/dashboard, served at /). Everything is
 * bundled: no CDN, no inline script or style, so the gateway's CSP (default-src 'self') holds.
 */
export default defineConfig({
  root: __dirname,
  base: '/',
  publicDir: false,
  build: {
    outDir: resolve(__dirname, '../../dist/apps/dashboard'),
    emptyOutDir: true,
    target: 'es2022',
    // one small CSS file and one JS chunk: nothing to inline, nothing from elsewhere
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
