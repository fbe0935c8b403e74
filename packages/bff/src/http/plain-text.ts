/**
 * Characters that change how text around them is shown without being text themselves: bidi
 * embeddings, overrides and isolates (a title "‮fdp.exe" reads as "exe.pdf"), and control
 * characters (C0, DEL, C1, line/paragraph separators). They are removed from what the ECD or a
 * client writes before it is stored, and from file names before they reach Content-Disposition.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex -- as above
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Multi-line text (a report, a message): keeps tabs and line breaks, normalised to \n. */
export function plainText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(BIDI_CONTROLS, '').replace(CONTROLS_BUT_LINE_BREAKS, '');
}

/** One line (a title, a name, a file name): line breaks and tabs become spaces. */
export function plainLine(text: string): string {
  return text
    .replace(BIDI_CONTROLS, '')
    .replace(/[\t\r\n\u2028\u2029]+/g, ' ')
    .replace(CONTROLS, '');
}
