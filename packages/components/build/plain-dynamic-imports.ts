import type { Plugin } from 'vite';

/**
 * Leaves our dynamic `import()`s plain. Vite wraps each in its preload helper (~0.5 KB min+gzip)
 * even with `build.modulePreload: false` (vitejs/vite#18551); the helper only preloads CSS and
 * chunk dependencies, and our lazy chunks have no CSS files and need no preload. The wrapper is
 * blanked with spaces of the same length, so no position moves.
 */
export function plainDynamicImports(): Plugin {
  const wrapper = /__vitePreload\(\(\) => (import\((["'])[^"'\n]+\2\)),__VITE_IS_MODERN__\?__VITE_PRELOAD__:void 0(,import\.meta\.url)?\)/g;
  const helperImport = /import \{ __vitePreload \} from "[^"\n]+";/;
  const blank = (text: string) => ' '.repeat(text.length);
  return {
    name: 'care-widgets:plain-dynamic-imports',
    apply: 'build',
    transform: {
      // After vite:build-import-analysis, which inserts the wrapper.
      order: 'post',
      filter: { id: /\/src\/.*\.[jt]s$/, code: '__vitePreload' },
      handler(code) {
        let out = code.replace(wrapper, (whole, load: string) => {
          const prefix = whole.indexOf(load);
          return blank(whole.slice(0, prefix)) + load + blank(whole.slice(prefix + load.length));
        });
        if (!out.includes('__vitePreload(')) out = out.replace(helperImport, blank);
        return out === code ? null : { code: out, map: null };
      },
    },
  };
}
