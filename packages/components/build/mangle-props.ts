import { transformWithEsbuild, type Plugin } from 'vite';

/**
 * Renames property names of some modules to the short names given, where esbuild's minifier
 * keeps every property name as written. One fixed map rather than a cache esbuild fills in: the
 * modules are transformed in parallel, and each must get the same name for the same property.
 * Only for names that never meet code outside those modules (see loginInternals).
 */
export function mangleProps(modules: RegExp, names: Record<string, string>): Plugin {
  const props = new RegExp(`^(?:${Object.keys(names).join('|')})$`);
  return {
    name: 'care-widgets:mangle-props',
    apply: 'build',
    transform: {
      filter: { id: modules },
      async handler(code, id) {
        // Runs after vite:esbuild, so on JavaScript; `mangleCache` names each property's short name.
        const result = await transformWithEsbuild(code, id, {
          loader: 'js',
          target: 'es2022',
          sourcemap: true,
          mangleProps: props,
          mangleCache: { ...names },
        });
        return { code: result.code, map: result.map };
      },
    },
  };
}

/**
 * <care-login>'s internal names (login-flow.ts, steps/*.ts, answers.ts): the flow's members, the
 * fields of its view that stay in the page, the step modules' hooks and the account step's state
 * (137 B less for the whole login, issue 15). A name here must not be anything code outside
 * src/care-login/ reads or writes, nor a string key: so not `busy`, `showPassword`, `account`
 * (keys of the message catalogues), `username`, `code`, `token`, `link`, `proof`, `firstLogin`,
 * `session`, `newPassword`, `repeatPassword` (fields of the BFF's requests and answers),
 * `invalid`, `error`, `state`, `locale`, `api` (shared code, <care-portal>'s state or an
 * attribute), `answers` and the step modules' names (read from the lazy chunk's namespace),
 * `focus`, `update`, `styles` (the DOM and lit). Each short name is one no object here has.
 * The component tests run on the sources without this; the e2e tests run on dist/, the steps few
 * clients see in e2e/login-steps.e2e.test.ts.
 */
export const loginInternals = () =>
  mangleProps(/\/src\/care-login\/.*\.ts$/, {
    view: 'v',
    idOf: 'i',
    patch: 'p',
    run: 'r',
    fail: 'f',
    send: 's',
    go: 'g',
    loaded: 'l',
    host: 'h',
    portal: 'P',
    resendAt: 'R',
    challenge: 'C',
    notice: 'N',
    trust: 'T',
    ticker: 'k',
    listening: 'L',
    section: 'S',
    factors: 'F',
    choice: 'H',
    enrolment: 'E',
    steps: 'x',
    leave: 'z',
    afterStep: 'A',
    showError: 'B',
    resume: 'D',
    onInput: 'O',
  });
