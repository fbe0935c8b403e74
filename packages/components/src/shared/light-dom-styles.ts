/**
 * Gives an element that renders into its light DOM its styles, CSS text (shared/css-text.ts): the
 * sheet is adopted once into the document or shadow root the element is in. Every selector in
 * such a sheet must start with the element's tag, so the sheet styles nothing else on the host page.
 *
 * Light DOM is open to the host page's CSS, and CMS themes ship rules like
 * `input { height: 28px !important }`. So the sheet goes into a cascade layer with every
 * declaration `!important`: important declarations in a layer win over the page's unlayered
 * important ones, whatever their specificity. Tenants still theme through the `--care-*`
 * properties the declarations read.
 */
export function adoptLightDomStyles(element: Element, styles: string): void {
  const root = element.getRootNode();
  if (!(root instanceof Document || root instanceof ShadowRoot)) return;
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = hardenedSheet(styles);
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  // No constructable stylesheets (Safari before 16.4): one <style> per root, as written.
  const marker = `data-care-styles`;
  const parent = root instanceof Document ? root.head : root;
  if ([...parent.querySelectorAll(`style[${marker}]`)].some((s) => s.textContent === styles)) return;
  const style = document.createElement('style');
  style.setAttribute(marker, '');
  style.textContent = styles;
  parent.append(style);
}

/** By text: a few constant sheets (the login's first screen and its later steps). */
const hardened = new Map<string, CSSStyleSheet>();

function hardenedSheet(styles: string): CSSStyleSheet {
  let sheet = hardened.get(styles);
  if (sheet) return sheet;
  sheet = new CSSStyleSheet();
  sheet.replaceSync(`@layer care-widgets-light-dom {\n${styles}\n}`);
  markImportant(sheet.cssRules);
  hardened.set(styles, sheet);
  return sheet;
}

// The browser's own serialisation of a declaration block: `name: value; name: value;`.
const declarationBoundary = /;\s*(?=(?:--)?[a-zA-Z-]+\s*:)/;

function markImportant(rules: CSSRuleList) {
  for (const rule of Array.from(rules)) {
    if (rule instanceof CSSStyleRule) {
      const declarations = rule.style.cssText
        .split(declarationBoundary)
        .map((declaration) => declaration.trim().replace(/;$/, ''))
        .filter(Boolean);
      rule.style.cssText = declarations.map((d) => (/!\s*important$/i.test(d) ? d : `${d} !important`)).join('; ');
    }
    if ('cssRules' in rule && (rule as CSSGroupingRule).cssRules.length) markImportant((rule as CSSGroupingRule).cssRules);
  }
}
