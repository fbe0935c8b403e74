// A public token is a promise to tenants (docs/theming.md): setting it must change a widget. So
// every token this package emits or documents is read by the components' styles.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { unreadTokens } from '../../components/scripts/token-reads.mjs';
import { isPrivateToken, loadThemes } from './tokens.mjs';

const tokensDir = fileURLToPath(new URL('../tokens', import.meta.url));
const publicTokens = (theme) => theme.tokens.filter((token) => !isPrivateToken(token)).map((token) => token.name);

describe('public tokens', () => {
  const themes = loadThemes(tokensDir);

  it('are each read by a widget', () => {
    expect(unreadTokens(publicTokens(themes[0])).map(({ name, where }) => `--care-${name} (not in ${where})`)).toEqual([]);
  });

  it('that a tenant theme sets are tokens of the base theme', () => {
    const baseNames = new Set(publicTokens(themes[0]));
    for (const theme of themes) expect(publicTokens(theme).filter((name) => !baseNames.has(name))).toEqual([]);
  });

  it('read by nothing are named, whether missing from the sources or from the build', () => {
    const root = mkdtempSync(join(tmpdir(), 'care-token-reads-'));
    const [src, dist] = [join(root, 'src'), join(root, 'dist')];
    mkdirSync(join(src, 'care-x'), { recursive: true });
    mkdirSync(dist);
    writeFileSync(join(src, 'care-x', 'care-x.styles.ts'), 'css`a { color: var(--care-color-link, var(--care-color-primary, #0b5cad)); }`');
    writeFileSync(join(src, 'care-x', 'care-x.test.ts'), "const t = 'var(--care-color-heading)';");
    writeFileSync(join(dist, 'care-x.js'), 'const s=`a{color:var(--care-color-primary,#0b5cad)}`;');
    expect(unreadTokens(['color-primary', 'color-link', 'color-heading'], { src, dist })).toEqual([
      { name: 'color-link', where: 'the built files' },
      { name: 'color-heading', where: 'the sources' },
    ]);
  });
});
