/**
 * A tenant's theme stylesheet from the BFF (`GET {api}/themes/{tenant}.css`: the design tokens as
 * `--care-*` custom properties on `:root, :host`), as a constructed stylesheet to adopt into a
 * shadow root. Constructed stylesheets need no `style-src 'unsafe-inline'` under a strict CSP and
 * touch nothing on the host page. One request per URL, however many portals use it.
 */
const sheets = new Map<string, Promise<CSSStyleSheet | string>>();

export function themeUrl(apiBase: string, tenant: string): string {
  return `${apiBase.replace(/\/+$/, '')}/themes/${encodeURIComponent(tenant)}.css`;
}

export const canAdoptStyleSheets =
  typeof ShadowRoot !== 'undefined' &&
  'adoptedStyleSheets' in ShadowRoot.prototype &&
  typeof CSSStyleSheet !== 'undefined' &&
  'replaceSync' in CSSStyleSheet.prototype;

/** The theme as a constructed stylesheet, or as CSS text where constructed sheets are missing. */
export function loadTenantTheme(url: string): Promise<CSSStyleSheet | string> {
  let sheet = sheets.get(url);
  if (!sheet) {
    sheet = (async () => {
      // No cookies: the theme is public, and the BFF answers it with `Access-Control-Allow-Origin: *`.
      const response = await fetch(url, { credentials: 'omit', headers: { Accept: 'text/css' } });
      if (!response.ok) throw new Error(`Theme ${url}: HTTP ${response.status}`);
      const css = await response.text();
      if (!canAdoptStyleSheets) return css;
      const constructed = new CSSStyleSheet();
      constructed.replaceSync(css);
      return constructed;
    })();
    // A failed load may be retried by the next portal (the BFF was briefly away).
    sheet.catch(() => sheets.delete(url));
    sheets.set(url, sheet);
  }
  return sheet;
}
