// An ESLint rule for what import-x/no-cycle leaves out: a circle of modules that includes `import type`
// (issue 12: "no import circle in packages/bff or packages/components"). A step that imports its
// element's types depends on the element as much as one that imports its code. A lazy `import()` is
// no edge: a locale catalogue that the widget loads on demand may import the widget's catalogue type.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const repoRoot = resolve(dirname(new URL(import.meta.url).pathname), '..');

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each file's static relative imports and re-exports, `import type` included. */
function importGraph(dir) {
  const graph = new Map();
  for (const file of sourceFiles(dir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    const targets = source.statements
      .filter((s) => (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier))
      .map((s) => s.moduleSpecifier.text)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts')))
      .filter((target) => existsSync(target));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Tarjan's strongly connected components of more than one file: each is one or more circles. */
function circles(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** The folder whose files are checked together: a package's src/, or stories/. */
function rootOf(file) {
  const path = relative(repoRoot, file).split('/');
  if (path[0] === 'packages' && path[2] === 'src') return join(repoRoot, ...path.slice(0, 3));
  if (path[0] === 'stories') return join(repoRoot, 'stories');
  return undefined;
}

const circleOfFile = new Map(); // root -> Map(file -> files of its circle)
function circleOf(file) {
  const root = rootOf(file);
  if (!root) return undefined;
  if (!circleOfFile.has(root)) {
    const byFile = new Map();
    for (const circle of circles(importGraph(root))) for (const member of circle) byFile.set(member, circle);
    circleOfFile.set(root, byFile);
  }
  return circleOfFile.get(root).get(file);
}

export const importCircles = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import circles, type-only imports included' },
    schema: [{ type: 'object', properties: { allow: { type: 'array', items: { type: 'array', items: { type: 'string' } } } } }],
    messages: { circle: 'In an import circle (import type included) with {{others}}' },
  },
  create(context) {
    const allowed = new Set((context.options[0]?.allow ?? []).map((files) => [...files].sort().join('\n')));
    return {
      Program(node) {
        const circle = circleOf(context.physicalFilename);
        if (!circle) return;
        const names = circle.map((member) => relative(repoRoot, member));
        if (allowed.has(names.join('\n'))) return;
        const others = names.filter((name) => name !== relative(repoRoot, context.physicalFilename));
        context.report({ node, loc: { line: 1, column: 0 }, messageId: 'circle', data: { others: others.join(', ') } });
      },
    };
  },
};
