import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of each page of a PDF, lines separated by newlines, as a reader would copy it. */
export async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    let text = '';
    let end: { x: number; y: number } | undefined;
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const [, , , , x = 0, y = 0] = item.transform as number[];
      // Pieces of one line drawn apart (e.g. a page total from a form XObject) get a space between
      // them, as pdftotext would; pdfjs only joins pieces of one text run.
      if (end && Math.abs(end.y - y) < 1 && x - end.x > 1 && !text.endsWith(' ') && !item.str.startsWith(' ')) text += ' ';
      text += item.str + (item.hasEOL ? '\n' : '');
      end = item.hasEOL ? undefined : { x: x + item.width, y };
    }
    pages.push(text);
  }
  await pdf.destroy();
  return pages;
}
