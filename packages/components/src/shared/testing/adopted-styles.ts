/**
 * For tests of sheets that widgets adopt into a shadow root on first use (the portal's client
 * picker and idle warning): which one arrived last decides between equal rules.
 */

/** Moves `sheet` to the end of `root`'s adopted sheets, as if its module had loaded last. */
export function adoptLast(root: ShadowRoot, sheet: CSSStyleSheet): void {
  root.adoptedStyleSheets = [...root.adoptedStyleSheets.filter((s) => s !== sheet), sheet];
}

/** What `background: <value>` computes to in `root`, its theme's custom properties applied. */
export function backgroundIn(root: ShadowRoot, value: string): string {
  const probe = root.appendChild(document.createElement('div'));
  probe.style.background = value;
  const colour = getComputedStyle(probe).backgroundColor;
  probe.remove();
  return colour;
}
