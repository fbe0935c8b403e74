/**
 * css`` for a style sheet kept as text: the CSS with each `${…}` written in (a selector prefix,
 * another such text), rather than lit's CSSResult. <care-login>'s light-DOM sheets are text, as
 * its code loads no part of lit that knows CSSResult (care-login/light-element.ts), and so is the
 * code field's, which a shadow-DOM widget wraps in unsafeCSS(). Named `css` so that the build
 * squeezes it as it does lit's (build/minify-template-literals.ts) and editors highlight it.
 */
export const css = (strings: TemplateStringsArray, ...values: Array<string | number>): string =>
  strings.reduce((text, part, i) => text + values[i - 1] + part);
