// Builds every theme's W3C design tokens (tokens/*.tokens.json) into CSS custom properties
// (dist/<theme>.css, `--care-<name>`) and a typed JS export (dist/index.js + index.d.ts), after
// checking the WCAG contrast of every text/background pair of every theme. A failing pair fails
// the build. A tenant theme lists only what differs from the base theme.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkThemeContrast } from './src/contrast.mjs';
import { isPrivateToken, loadThemes, themeCss } from './src/tokens.mjs';

const here = new URL('.', import.meta.url).pathname;
const distDir = join(here, 'dist');

const themes = loadThemes(join(here, 'tokens'));

const failures = themes.flatMap((theme) => checkThemeContrast(theme));
if (failures.length) {
  console.error(`Contrast check failed (WCAG 2.2 AA: 4.5:1 text, 3:1 large text and UI):\n  ${failures.join('\n  ')}`);
  process.exit(1);
}

mkdirSync(distDir, { recursive: true });
const exported = {};
const documented = {};
for (const theme of themes) {
  writeFileSync(join(distDir, `${theme.name}.css`), themeCss(theme));
  const publicTokens = theme.tokens.filter((token) => !isPrivateToken(token));
  exported[theme.name] = Object.fromEntries(publicTokens.map((token) => [`--care-${token.name}`, token.css]));
  documented[theme.name] = {
    description: theme.description,
    tokens: publicTokens.map(({ name, type, description, css, resolved, aliasOf }) => ({
      name: `--care-${name}`,
      type,
      description,
      css,
      resolved,
      aliasOf,
    })),
  };
}
const names = themes.map((theme) => theme.name);
const tokenNames = Object.keys(exported.base);
writeFileSync(
  join(distDir, 'index.js'),
  `export const themeNames = ${JSON.stringify(names)};\nexport const themes = ${JSON.stringify(exported, null, 2)};\n`,
);
writeFileSync(
  join(distDir, 'index.d.ts'),
  `export type ThemeName = ${names.map((n) => JSON.stringify(n)).join(' | ')};\n` +
    `export type TokenName =\n${tokenNames.map((n) => `  | ${JSON.stringify(n)}`).join('\n')};\n` +
    `export declare const themeNames: ThemeName[];\n` +
    `export declare const themes: Record<ThemeName, Record<TokenName, string>>;\n`,
);
// For generated documentation (docs/theming.md): every token with its description and values.
writeFileSync(join(distDir, 'tokens.json'), `${JSON.stringify(documented, null, 2)}\n`);
console.log(`Built ${themes.length} theme(s), contrast checked: ${names.join(', ')}`);
