// The admin is a static single-page app: hashed assets under /admin/assets (served with a long
// cache by the Shopify app), index.html as the shell the app fills in per request.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  resolve: { conditions: ['source'] },
  build: { outDir: 'dist', assetsDir: 'assets', sourcemap: true, chunkSizeWarningLimit: 1500 },
});
