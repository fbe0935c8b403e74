import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { minifyTemplateLiterals } from './build/minify-template-literals.js';
import { loginInternals } from './build/mangle-props.js';
import { minifyOptions } from './build/minify.js';
import { plainDynamicImports } from './build/plain-dynamic-imports.js';

/**
 * dist/care-widgets.bundle.js: one file, lit included, that defines every element, for the single
 * `<script type="module">` tag on a host page. What loads only on demand (English texts, the
 * login's steps after its first screen) stays in dist/bundle/ and is fetched relative to the bundle's URL,
 * so a Dutch page never downloads it. Runs after vite.config.ts, so it keeps that build's dist/.
 */
export default defineConfig({
  publicDir: false,
  plugins: [minifyTemplateLiterals(), plainDynamicImports(), loginInternals()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    ...minifyOptions,
    modulePreload: false,
    rollupOptions: {
      input: { 'care-widgets.bundle': fileURLToPath(new URL('./src/care-widgets.ts', import.meta.url)) },
      // The shared code stays in the bundle itself, which then also exports the short names its lazy
      // chunks import (not API); 'strict' would move it all into one more chunk behind a facade.
      preserveEntrySignatures: 'allow-extension',
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'bundle/[name]-[hash].js',
      },
    },
  },
});
