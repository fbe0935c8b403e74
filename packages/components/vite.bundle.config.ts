import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { minifyTemplateLiterals } from './build/minify-template-literals.js';
import { plainDynamicImports } from './build/plain-dynamic-imports.js';

/**
 * dist/care-widgets.bundle.js: one self-contained file, lit included, that defines every element,
 * for the single `<script type="module">` tag on a host page. Runs after vite.config.ts, so it
 * keeps what that build put in dist/.
 */
export default defineConfig({
  publicDir: false,
  plugins: [minifyTemplateLiterals(), plainDynamicImports()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    minify: 'esbuild',
    sourcemap: true,
    modulePreload: false,
    rollupOptions: {
      input: { 'care-widgets.bundle': fileURLToPath(new URL('./src/care-widgets.ts', import.meta.url)) },
      preserveEntrySignatures: 'strict',
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        inlineDynamicImports: true,
      },
    },
  },
});
