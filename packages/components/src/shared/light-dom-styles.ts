import type { CSSResult } from 'lit';

/**
 * Gives an element that renders into its light DOM its styles: the sheet is adopted once into the
 * document or shadow root the element is in. Every selector in such a sheet must start with the
 * element's tag, so the sheet styles nothing else on the host page.
 */
export function adoptLightDomStyles(element: Element, styles: CSSResult): void {
  const root = element.getRootNode();
  if (!(root instanceof Document || root instanceof ShadowRoot)) return;
  const sheet = styles.styleSheet;
  if (sheet) {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  // No constructable stylesheets (Safari before 16.4): one <style> per root.
  const marker = `data-care-styles`;
  const parent = root instanceof Document ? root.head : root;
  if ([...parent.querySelectorAll(`style[${marker}]`)].some((s) => s.textContent === styles.cssText)) return;
  const style = document.createElement('style');
  style.setAttribute(marker, '');
  style.textContent = styles.cssText;
  parent.append(style);
}
