import type { Plugin } from 'vite';

/**
 * Squeezes the css`` and html`` template literals of our sources at build time, which esbuild
 * leaves as written: in css``, comments and line breaks go and whitespace shrinks to what CSS
 * needs; in html``, the indentation after a line break goes (HTML collapses whitespace anyway, and
 * no template of ours has `<pre>` or a multi-line attribute value). A css`` template's line breaks
 * move to just after it, so the code after it keeps its lines and with them its sourcemap (only
 * the `${…}` inside it move up); quoted CSS strings and `${…}` are left as they are.
 */
export function minifyTemplateLiterals(): Plugin {
  return {
    name: 'care-widgets:minify-template-literals',
    apply: 'build',
    transform: {
      filter: { id: /\/src\/.*\.[jt]s$/, code: /\b(css|html)`/ },
      handler(code) {
        const edits: Array<{ start: number; end: number; text: string }> = [];
        for (const { tag, end, quasis } of templates(this.parse(code))) {
          let moved = '';
          for (const part of quasis) {
            const raw = part.value.raw;
            if (code.slice(part.start, part.end) !== raw) continue;
            if (tag === 'css') moved += lineBreaks(raw);
            edits.push({ start: part.start, end: part.end, text: tag === 'css' ? squeezeCss(raw) : raw.replace(/\n\s*/g, lineBreaks) });
          }
          if (moved) edits.push({ start: end, end, text: moved });
        }
        let out = code;
        // From the end, so the positions of the edits still to do hold.
        for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, start) + text + out.slice(end);
        return out === code ? null : { code: out, map: null };
      },
    },
  };
}

interface TemplatePart {
  start: number;
  end: number;
  value: { raw: string };
}

interface Template {
  tag: 'css' | 'html';
  /** Just after the closing backtick. */
  end: number;
  /** The static parts (quasis). */
  quasis: TemplatePart[];
}

/** Every css`…` and html`…` in an ESTree program. */
function templates(program: unknown): Template[] {
  const found: Template[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { type?: string; end?: number; tag?: { type: string; name?: string }; quasi?: { quasis: TemplatePart[] } };
    const tag = n.tag?.type === 'Identifier' ? n.tag.name : undefined;
    if (n.type === 'TaggedTemplateExpression' && (tag === 'css' || tag === 'html'))
      found.push({ tag, end: n.end!, quasis: n.quasi!.quasis });
    for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value);
  };
  visit(program);
  return found;
}

const lineBreaks = (text: string) => text.replace(/[^\n]/g, '');

function squeezeCss(raw: string): string {
  // Odd indexes are quoted strings ('true', "…"), kept verbatim.
  return raw
    .split(/("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/\/\*[\s\S]*?\*\//g, ' ')
            .replace(/\s+/g, ' ')
            // No space is needed next to these; one before `:` can be a combinator (`a :is(b)`), so stays.
            .replace(/ *([{};,>]) */g, '$1')
            .replace(/: +/g, ':')
            .replace(/;\}/g, '}'),
    )
    .join('');
}
