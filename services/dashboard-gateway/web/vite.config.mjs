// Vite builds the dashboard into dist/app (served by the dashboard-gateway); `tsc -b` type-checks.
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

export default defineConfig({
  plugins: [solid()],
  base: '/',
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    target: 'es2022',
    // the gateway's CSP allows no inline scripts or styles: every asset is a file
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // maps for the gateway, which resolves the page's stack frames with them (ADR 0044 addendum
    // 1); 'hidden': the chunks do not name them, the gateway does not serve them
    sourcemap: 'hidden',
    // a slow machine made rolldown print its plugin timings on every `npm start`: not a warning
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: {
    // `npm run dev -w @hoga/web` proxies the API to a running gateway
    proxy: {
      '/api': { target: 'http://127.0.0.1:8790', ws: true },
      '/login': 'http://127.0.0.1:8790',
    },
  },
});
