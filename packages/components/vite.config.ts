import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { minifyTemplateLiterals } from './build/minify-template-literals.js';
import { loginInternals } from './build/mangle-props.js';
import { minifyOptions } from './build/minify.js';
import { plainDynamicImports } from './build/plain-dynamic-imports.js';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/**
 * One ES module per element in dist/, for sites that load only the widgets they use; shared code
 * (lit, the API client) goes to dist/chunks/. A new widget is one line here: its define module.
 */
export const elementEntries: Record<string, string> = {
  'care-widgets': src('care-widgets.ts'),
  // Imports each element module above only when its tag is in the page (see the file).
  'care-widgets.loader': src('care-widgets.loader.ts'),
  'care-portal': src('care-portal/care-portal.ts'),
  'care-login': src('care-login/care-login.ts'),
  'care-reports': src('care-reports/care-reports.ts'),
  'care-measurements': src('care-measurements/care-measurements.ts'),
  'care-agenda': src('care-agenda/care-agenda.ts'),
  'care-messages': src('care-messages/care-messages.ts'),
  'care-plan': src('care-plan/care-plan.ts'),
  'care-profile': src('care-profile/care-profile.ts'),
  'care-access-log': src('care-access-log/care-access-log.ts'),
  'care-activity': src('care-activity/care-activity.ts'),
  'care-contacts': src('care-contacts/care-contacts.ts'),
  'care-board': src('care-board/care-board.ts'),
};

/**
 * One chunk for what <care-login> shares with the other widgets: lit-html (the login has no
 * LitElement, see care-login/light-element.ts), the API client, texts, the portal's context, the
 * code field. Left to Rollup, these are six chunks, one per set of widgets that use a module, and
 * a portal page, which loads them all, pays each file's gzip dictionary afresh (0.6 KB more; with
 * the code field in a chunk of its own, the page is 0.2 KB over SPEC's 45 KB). The price is paid
 * by pages without a code field, which load its 1 KB min+gzip all the same: <care-portal> with
 * only <care-login> is 17.2 KB before the fields show (15.4 KB when the login was a LitElement),
 * <care-reports> alone 20.8 KB (19.3 KB). Rollup adds what these modules import: through
 * @lit/context's index (shared/context.ts), its ContextProvider and ContextConsumer, which the
 * login does not use. Kept out (context.ts with its key typed as `createContext()` would return
 * it), the login alone is 0.6 KB less, and the portal page 84 B more, over 45 KB.
 */
const sharedChunk = [
  '/lit-html/lit-html.js',
  '/lit/html.js',
  '/lit-html/directive.js',
  '/lit/directive.js',
  '/@lit/context/lib/context-request-event.js',
  '/@lit/context/lib/create-context.js',
  ...['api-client', 'messages', 'i18n', 'context', 'define', 'events', 'css-text'].map((name) => `/src/shared/${name}.ts`),
  '/src/shared/code-input/code-input.ts',
  '/src/shared/code-input/code-input.styles.ts',
];

// Built as an app with JS entries rather than in `build.lib` mode: library mode keeps whitespace
// in ES output for the host's bundler, but browsers load these files as they are.
export default defineConfig({
  publicDir: false,
  plugins: [minifyTemplateLiterals(), plainDynamicImports(), loginInternals()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    ...minifyOptions,
    modulePreload: false,
    rollupOptions: {
      input: elementEntries,
      // Keep the entries' exports (CarePortal, ApiError…): an app build would drop them. An entry
      // may also export what its lazy chunks import from it (<care-login>'s steps), rather than
      // Rollup moving that into one more chunk for the page to load.
      preserveEntrySignatures: 'allow-extension',
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // The loader's import() of an entry that also exports for its lazy chunks gets a namespace
        // object of the entry's own exports: a plain object, without Object.freeze and the
        // Symbol.toStringTag property, is 40 B less on <care-login>'s first screen.
        freeze: false,
        generatedCode: { symbols: false },
        manualChunks: (id) => (sharedChunk.some((module) => id.endsWith(module)) ? 'shared' : undefined),
      },
    },
  },
});
