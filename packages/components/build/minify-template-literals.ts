import type { Plugin } from 'vite';

/**
 * Squeezes the css`` and html`` template literals of our sources at build time, which esbuild
 * leaves as written: in css``, comments go and whitespace shrinks to what CSS needs; in html``,
 * the indentation after a line break goes (HTML collapses whitespace anyway, and no template of
 * ours has `<pre>` or a multi-line attribute value). Every line break stays, so the module's lines
 * and with them its sourcemap do not move; quoted CSS strings and `${…}` are left as they are.
 */
export function minifyTemplateLiterals(): Plugin {
  return {
    name: 'care-widgets:minify-template-literals',
    apply: 'build',
    transform: {
      filter: { id: /\/src\/.*\.[jt]s$/, code: /\b(css|html)`/ },
      handler(code) {
        let out = code;
        // From the end, so the positions of the parts still to do hold.
        for (const part of templateParts(this.parse(code)).sort((a, b) => b.start - a.start)) {
          const raw = part.value.raw;
          if (code.slice(part.start, part.end) !== raw) continue;
          const text = part.tag === 'css' ? squeezeCss(raw) : raw.replace(/\n\s*/g, lineBreaks);
          out = out.slice(0, part.start) + text + out.slice(part.end);
        }
        return out === code ? null : { code: out, map: null };
      },
    },
  };
}

interface TemplatePart {
  tag: 'css' | 'html';
  start: number;
  end: number;
  value: { raw: string };
}

/** The static parts (quasis) of every css`…` and html`…` in an ESTree program. */
function templateParts(program: unknown): TemplatePart[] {
  const parts: TemplatePart[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { type?: string; tag?: { type: string; name?: string }; quasi?: { quasis: Array<Omit<TemplatePart, 'tag'>> } };
    const tag = n.tag?.type === 'Identifier' ? n.tag.name : undefined;
    if (n.type === 'TaggedTemplateExpression' && (tag === 'css' || tag === 'html')) {
      for (const quasi of n.quasi!.quasis) parts.push({ ...quasi, tag });
    }
    for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value);
  };
  visit(program);
  return parts;
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
            .replace(/\/\*[\s\S]*?\*\//g, lineBreaks)
            // A run of whitespace becomes its line breaks, or one space where it had none.
            .replace(/\s+/g, (ws) => lineBreaks(ws) || ' ')
            // No space is needed next to these; one before `:` can be a combinator (`a :is(b)`), so stays.
            .replace(/ *([{};,>]) */g, '$1')
            .replace(/: +/g, ':')
            .replace(/;(\n*)\}/g, '$1}'),
    )
    .join('');
}
