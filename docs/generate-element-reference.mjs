#!/usr/bin/env node
// Writes the generated parts of the docs from the build's own descriptions:
//   embedding.md  "Element reference"  from packages/components/custom-elements.json
//   theming.md    "Token reference" and "Parts"  from packages/themes/dist/tokens.json and the manifest
// Each part sits between `<!-- generated:NAME:start -->` and `<!-- generated:NAME:end -->`.
// Run after `pnpm build`:  node docs/generate-element-reference.mjs   (--check: fail if out of date)
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');
const manifest = JSON.parse(read('packages/components/custom-elements.json'));
const tokens = JSON.parse(read('packages/themes/dist/tokens.json'));

const cell = (text) =>
  String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
const code = (text) => (text ? `\`${text}\`` : '');

const elements = manifest.modules
  .flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => ({ ...d, module: m.path })))
  .sort((a, b) => (a.tagName === 'care-portal' ? -1 : b.tagName === 'care-portal' ? 1 : a.tagName.localeCompare(b.tagName)));

function elementReference() {
  const out = [];
  for (const el of elements) {
    out.push(`### \`<${el.tagName}>\``, '');
    if (el.summary) out.push(`**${cell(el.summary)}**`, '');
    if (el.description) out.push(el.description.trim(), '');
    const attributes = el.attributes ?? [];
    if (attributes.length) {
      out.push('| attribute | property | type | description |', '|---|---|---|---|');
      for (const a of attributes) out.push(`| ${code(a.name)} | ${code(a.fieldName)} | ${cell(a.type?.text)} | ${cell(a.description)} |`);
      out.push('');
    }
    const properties = (el.members ?? []).filter((m) => m.kind === 'field' && !attributes.some((a) => a.fieldName === m.name) && !m.static);
    if (properties.length) {
      out.push('| property (no attribute) | type | description |', '|---|---|---|');
      for (const p of properties) out.push(`| ${code(p.name)} | ${cell(p.type?.text)} | ${cell(p.description)} |`);
      out.push('');
    }
    const methods = (el.members ?? []).filter((m) => m.kind === 'method' && !m.static && m.description);
    if (methods.length) {
      out.push('| method | description |', '|---|---|');
      for (const m of methods)
        out.push(`| ${code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`)} | ${cell(m.description)} |`);
      out.push('');
    }
    // The analyzer also lists what it takes for events without being one (a context object, a
    // CustomEvent whose name is a variable): the page hears only the care- events documented.
    const events = (el.events ?? []).filter((e) => e.name?.startsWith('care-') && e.description);
    if (events.length) {
      out.push('| event | description |', '|---|---|');
      for (const e of events) out.push(`| ${code(e.name)} | ${cell(e.description)} |`);
      out.push('');
    }
    if (el.slots?.length) {
      out.push('| slot | description |', '|---|---|');
      for (const s of el.slots) out.push(`| ${s.name ? code(s.name) : '(default)'} | ${cell(s.description)} |`);
      out.push('');
    }
    if (el.cssParts?.length)
      out.push(`Parts: ${el.cssParts.map((p) => code(p.name)).join(', ')} — see [theming.md](theming.md#parts).`, '');
  }
  return out.join('\n').trim();
}

function tokenReference() {
  const base = tokens.base.tokens;
  const themeNames = Object.keys(tokens);
  const out = [`| token | ${themeNames.map(code).join(' | ')} | description |`, `|---|${themeNames.map(() => '---').join('|')}|---|`];
  for (const token of base) {
    const values = themeNames.map((name) => {
      const t = tokens[name].tokens.find((x) => x.name === token.name);
      return t ? code(t.css) : '';
    });
    out.push(`| ${code(token.name)} | ${values.join(' | ')} | ${cell(token.description)} |`);
  }
  return out.join('\n');
}

function partsReference() {
  const out = ['| element | part | description |', '|---|---|---|'];
  for (const el of elements)
    for (const p of el.cssParts ?? []) out.push(`| ${code(`<${el.tagName}>`)} | ${code(p.name)} | ${cell(p.description)} |`);
  return out.join('\n');
}

function fill(file, parts) {
  let text = read(file);
  for (const [name, body] of Object.entries(parts)) {
    const pattern = new RegExp(`(<!-- generated:${name}:start -->)[\\s\\S]*?(<!-- generated:${name}:end -->)`);
    if (!pattern.test(text)) throw new Error(`${file} has no generated:${name} markers`);
    text = text.replace(
      pattern,
      `$1\n<!-- Written by docs/generate-element-reference.mjs: edit the sources, not this. -->\n\n${body}\n\n$2`,
    );
  }
  return text;
}

const outputs = {
  'docs/embedding.md': fill('docs/embedding.md', { elements: elementReference() }),
  'docs/theming.md': fill('docs/theming.md', { tokens: tokenReference(), parts: partsReference() }),
};
let stale = false;
for (const [file, text] of Object.entries(outputs)) {
  if (read(file) === text) continue;
  if (process.argv.includes('--check')) {
    console.error(`${file} is out of date: run node docs/generate-element-reference.mjs`);
    stale = true;
  } else {
    writeFileSync(new URL(file, root), text);
    console.log(`Updated ${file}`);
  }
}
process.exit(stale ? 1 : 0);
