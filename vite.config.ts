import { defineConfig } from 'vite';

// App mode with a TS entry (not lib mode) so the bundle is fully minified; one file the BFF serves at /widget/.
export default defineConfig({
  root: 'widget',
  base: '/widget/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    rolldownOptions: {
      input: { 'order-context': 'widget/src/order-context.ts' },
      output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      preserveEntrySignatures: 'exports-only',
    },
  },
});
