import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkThemeContrast, contrastPairs, contrastRatio, parseColor } from './contrast.mjs';
import { flattenTokens, loadThemes, resolveTheme, themeCss } from './tokens.mjs';

const tokensDir = fileURLToPath(new URL('../tokens', import.meta.url));

function theme(name, colours) {
  return { name, tokens: Object.entries(colours).map(([token, resolved]) => ({ name: token, resolved })) };
}

describe('contrast ratio', () => {
  it('matches the WCAG figures for known pairs', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // #767676 is the lightest grey that passes 4.5:1 on white, #777777 just fails.
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
    expect(contrastRatio('#ffffff', '#0b5cad')).toBeCloseTo(contrastRatio('#0b5cad', '#ffffff'), 10);
  });

  it('reads short hex, rgb() and translucent colours', () => {
    expect(parseColor('#fff')).toEqual([255, 255, 255, 1]);
    expect(parseColor('rgb(0 0 0 / 50%)')).toEqual([0, 0, 0, 0.5]);
    expect(parseColor('rgba(10, 20, 30, 0.25)')).toEqual([10, 20, 30, 0.25]);
    // Half-transparent black over white is mid grey: far less contrast than black.
    expect(contrastRatio('rgb(0 0 0 / 50%)', '#ffffff')).toBeLessThan(5);
    expect(() => parseColor('color-mix(in srgb, red, blue)')).toThrow(/Cannot check the contrast/);
  });
});

describe('theme contrast check', () => {
  const pairs = [
    { foreground: 'color-text', background: 'color-background', kind: 'text' },
    { foreground: 'color-border', background: 'color-background', kind: 'ui' },
  ];

  it('passes a theme whose pairs all meet their minimum', () => {
    expect(
      checkThemeContrast(theme('ok', { 'color-text': '#1f2933', 'color-background': '#fff', 'color-border': '#7b8794' }), pairs),
    ).toEqual([]);
  });

  it('fails naming the theme, the pair, the ratio and the minimum', () => {
    const failures = checkThemeContrast(
      theme('pastel', { 'color-text': '#999999', 'color-background': '#ffffff', 'color-border': '#dddddd' }),
      pairs,
    );
    expect(failures).toHaveLength(2);
    expect(failures[0]).toBe(
      'theme "pastel": --care-color-text (#999999) on --care-color-background (#ffffff) has contrast 2.85:1, needs 4.5:1 (text)',
    );
    expect(failures[1]).toMatch(/theme "pastel": --care-color-border \(#dddddd\) on --care-color-background .* needs 3:1 \(ui\)/);
  });

  it('holds large text and UI borders to 3:1 only', () => {
    const grey = theme('grey', { 'color-text': '#949494', 'color-background': '#ffffff' });
    expect(checkThemeContrast(grey, [{ foreground: 'color-text', background: 'color-background', kind: 'large-text' }])).toEqual([]);
    expect(checkThemeContrast(grey, [{ foreground: 'color-text', background: 'color-background', kind: 'text' }])).toHaveLength(1);
  });

  it('does not round a ratio just below the minimum up', () => {
    // #777 on white is 4.48:1.
    const failures = checkThemeContrast(theme('almost', { 'color-text': '#777777', 'color-background': '#ffffff' }), [pairs[0]]);
    expect(failures[0]).toContain('4.48:1');
  });

  it('fails a theme that lacks a token of a pair', () => {
    expect(checkThemeContrast(theme('partial', { 'color-text': '#000' }), [pairs[0]])).toEqual([
      'theme "partial": --care-color-background missing for the contrast check',
    ]);
  });

  it('checks a tenant override through its aliases', () => {
    const base = flattenTokens({
      brand: { color: { $type: 'color', ink: { $value: '#111111' }, white: { $value: '#ffffff' } } },
      color: { $type: 'color', text: { $value: '{brand.color.ink}' }, background: { $value: '{brand.color.white}' } },
    });
    const tenant = flattenTokens({ brand: { color: { $type: 'color', ink: { $value: '#aaaaaa' } } } });
    const failures = checkThemeContrast({ name: 'washed-out', tokens: resolveTheme(base, tenant) }, [pairs[0]]);
    expect(failures[0]).toContain('--care-color-text (#aaaaaa)');
  });
});

describe('the themes in tokens/', () => {
  const themes = loadThemes(tokensDir);

  it('are base, both demo tenants and high contrast', () => {
    expect(themes.map((t) => t.name)).toEqual(['base', 'de-linde', 'het-baken', 'high-contrast']);
  });

  it.each(themes.map((t) => [t.name, t]))('%s passes every contrast pair', (_name, t) => {
    expect(checkThemeContrast(t)).toEqual([]);
  });

  it('high contrast reaches 7:1 (AAA) for every text pair', () => {
    const values = new Map(themes.find((t) => t.name === 'high-contrast').tokens.map((t) => [t.name, t.resolved]));
    for (const pair of contrastPairs.filter((p) => p.kind === 'text')) {
      expect(
        contrastRatio(values.get(pair.foreground), values.get(pair.background)),
        `${pair.foreground} on ${pair.background}`,
      ).toBeGreaterThanOrEqual(7);
    }
  });

  it('leave a plain reference to a common token to the widgets, so an override anywhere reaches it', () => {
    const css = themeCss(themes[0]);
    expect(css).not.toContain('--care-button-background-color');
    expect(css).toContain('--care-color-primary: #0b5cad;');
    expect(css).toContain('--care-button-min-height: 44px;');
    expect(css).not.toContain('--care-brand-');
    expect(css.startsWith('/* care-widgets theme "base"')).toBe(true);
    expect(css).toContain(':root, :host {');
  });

  it("emit a tenant's own value for a token the base theme only refers to", () => {
    const base = flattenTokens({ color: { $type: 'color', primary: { $value: '#0b5cad' }, link: { $value: '{color.primary}' } } });
    const tenant = flattenTokens({ color: { $type: 'color', link: { $value: '#0a3d73' } } });
    expect(themeCss({ name: 'tenant', tokens: resolveTheme(base, tenant) })).toContain('--care-color-link: #0a3d73;');
    expect(themeCss({ name: 'base', tokens: resolveTheme(base) })).not.toContain('--care-color-link');
  });
});
