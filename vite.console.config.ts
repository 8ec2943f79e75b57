import { defineConfig } from 'vite';
import { collapseTemplateWhitespace } from './vite.config.js';

// The operations console (/admin/): the widget's toolchain in a build of its own, so nothing of it ever lands in
// the widget's bundle or changes how the widget's chunks are split. One entry, no dynamic imports.
export default defineConfig({
  root: 'widget',
  base: '/admin/',
  plugins: [collapseTemplateWhitespace()],
  build: {
    outDir: 'dist-console',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    modulePreload: false,
    rolldownOptions: {
      input: { admin: 'widget/src/console/admin.ts' },
      output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      treeshake: { manualPureFunctions: ['z'] },
    },
  },
});
