// WCAG 2.2 contrast check of every theme: each pair below is a foreground a widget draws on a
// background, with the minimum ratio for what it is. The build fails naming theme and pair.

/** Minimum contrast ratio per kind of foreground (WCAG 2.2 SC 1.4.3 and 1.4.11). */
export const minimumRatio = { text: 4.5, 'large-text': 3, ui: 3 };

/**
 * The foreground/background pairs the widgets use. `text`: body text, labels and headings;
 * `large-text`: text of 24px (or 18.66px bold) and more; `ui`: borders of inputs and the focus ring.
 */
export const contrastPairs = [
  { foreground: 'color-text', background: 'color-background', kind: 'text' },
  { foreground: 'color-text', background: 'color-surface', kind: 'text' },
  { foreground: 'color-text-muted', background: 'color-background', kind: 'text' },
  { foreground: 'color-text-muted', background: 'color-surface', kind: 'text' },
  // h2 and h3 (1.125em bold, below 18.66px) on cards, dialogs and forms.
  { foreground: 'color-heading', background: 'color-background', kind: 'text' },
  { foreground: 'color-heading', background: 'color-surface', kind: 'text' },
  { foreground: 'color-primary', background: 'color-background', kind: 'text' },
  { foreground: 'color-primary', background: 'color-surface', kind: 'text' },
  { foreground: 'color-primary-text', background: 'color-primary', kind: 'text' },
  { foreground: 'color-link', background: 'color-background', kind: 'text' },
  { foreground: 'color-link', background: 'color-surface', kind: 'text' },
  { foreground: 'color-danger', background: 'color-background', kind: 'text' },
  { foreground: 'color-danger-text', background: 'color-danger-surface', kind: 'text' },
  { foreground: 'color-success', background: 'color-background', kind: 'text' },
  { foreground: 'color-warning-text', background: 'color-background', kind: 'text' },
  { foreground: 'color-info-text', background: 'color-info-surface', kind: 'text' },
  { foreground: 'color-border', background: 'color-background', kind: 'ui' },
  { foreground: 'color-border', background: 'color-surface', kind: 'ui' },
  { foreground: 'color-focus', background: 'color-background', kind: 'ui' },
  { foreground: 'color-focus', background: 'color-surface', kind: 'ui' },
  { foreground: 'color-danger', background: 'color-danger-surface', kind: 'ui' },
  { foreground: 'button-color', background: 'button-background-color', kind: 'text' },
  { foreground: 'button-secondary-color', background: 'button-secondary-background-color', kind: 'text' },
  { foreground: 'button-secondary-border-color', background: 'color-background', kind: 'ui' },
  { foreground: 'button-secondary-border-color', background: 'color-surface', kind: 'ui' },
  { foreground: 'input-color', background: 'input-background-color', kind: 'text' },
  { foreground: 'input-border-color', background: 'input-background-color', kind: 'ui' },
  { foreground: 'input-border-color', background: 'color-background', kind: 'ui' },
  { foreground: 'input-border-color', background: 'color-surface', kind: 'ui' },
  { foreground: 'focus-ring-color', background: 'color-background', kind: 'ui' },
  { foreground: 'focus-ring-color', background: 'color-surface', kind: 'ui' },
];

/** Parses #rgb, #rgba, #rrggbb, #rrggbbaa, rgb() and rgba() into [r, g, b, a] (0-255, alpha 0-1). */
export function parseColor(value) {
  const text = String(value).trim().toLowerCase();
  let match = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(text);
  if (match) {
    let hex = match[1];
    if (hex.length <= 4) hex = [...hex].map((c) => c + c).join('');
    const channel = (i) => parseInt(hex.slice(i, i + 2), 16);
    return [channel(0), channel(2), channel(4), hex.length === 8 ? channel(6) / 255 : 1];
  }
  match = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%?))?\s*\)$/.exec(text);
  if (match) {
    const alpha = match[4] === undefined ? 1 : Number(match[4]) / (match[5] ? 100 : 1);
    return [Number(match[1]), Number(match[2]), Number(match[3]), alpha];
  }
  if (text === 'white') return [255, 255, 255, 1];
  if (text === 'black') return [0, 0, 0, 1];
  throw new Error(`Cannot check the contrast of colour "${value}": use #rrggbb or rgb().`);
}

function relativeLuminance([r, g, b]) {
  const linear = (c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** A translucent foreground is seen blended over its background. */
function over(foreground, background) {
  const a = foreground[3];
  return [0, 1, 2].map((i) => foreground[i] * a + background[i] * (1 - a)).concat(1);
}

/** WCAG contrast ratio of two CSS colours, 1 to 21. The background is taken as opaque. */
export function contrastRatio(foreground, background) {
  const bg = parseColor(background);
  const fg = over(parseColor(foreground), bg);
  const [light, dark] = [relativeLuminance(fg), relativeLuminance(bg)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/**
 * Checks one resolved theme (`{ name, tokens: [{ name, resolved }] }`) against the pairs.
 * Returns the failures as readable sentences; a pair naming a token the theme lacks is a failure too.
 */
export function checkThemeContrast(theme, pairs = contrastPairs) {
  const values = new Map(theme.tokens.map((token) => [token.name, token.resolved]));
  const failures = [];
  for (const pair of pairs) {
    const foreground = values.get(pair.foreground);
    const background = values.get(pair.background);
    const missing = [pair.foreground, pair.background].filter((name) => !values.has(name));
    if (missing.length) {
      failures.push(`theme "${theme.name}": ${missing.map((m) => `--care-${m}`).join(' and ')} missing for the contrast check`);
      continue;
    }
    const ratio = contrastRatio(foreground, background);
    const needed = minimumRatio[pair.kind];
    // Rounded down to two decimals, as WCAG does not round 4.499 up to 4.5.
    if (Math.floor(ratio * 100) / 100 < needed) {
      failures.push(
        `theme "${theme.name}": --care-${pair.foreground} (${foreground}) on --care-${pair.background} (${background}) ` +
          `has contrast ${ratio.toFixed(2)}:1, needs ${needed}:1 (${pair.kind})`,
      );
    }
  }
  return failures;
}
