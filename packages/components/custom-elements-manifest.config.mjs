// Custom Elements Manifest of the care widgets (custom-elements.json, shipped in the package):
// attributes, properties, events, slots, parts and CSS properties from each element's JSDoc. It
// feeds the Storybook docs pages and docs/embedding.md (docs/generate-element-reference.mjs).
//
// Our elements register through shared/define.ts, `define('care-login', CareLogin)`, which the
// analyzer does not know, so the plugin below reads those calls and names each element's tag.

/** @returns {import('@custom-elements-manifest/analyzer').Plugin} */
function careDefinePlugin() {
  const definitions = [];
  return {
    name: 'care-widgets:define',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tag, ctor] = node.arguments;
      if (!tag || !ctor || !ts.isStringLiteral(tag) || !ts.isIdentifier(ctor)) return;
      definitions.push({ tag: tag.text, className: ctor.text, module: moduleDoc.path });
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const { tag, className, module } of definitions) {
        const declaringModule = customElementsManifest.modules.find((m) =>
          m.declarations?.some((d) => d.kind === 'class' && d.name === className),
        );
        if (!declaringModule) continue;
        const declaration = declaringModule.declarations.find((d) => d.name === className);
        declaration.tagName = tag;
        declaration.customElement = true;
        const defining = customElementsManifest.modules.find((m) => m.path === module);
        defining.exports ??= [];
        if (!defining.exports.some((e) => e.kind === 'custom-element-definition' && e.name === tag)) {
          defining.exports.push({
            kind: 'custom-element-definition',
            name: tag,
            declaration: { name: className, module: declaringModule.path },
          });
        }
      }
      // Private and protected members are not part of an element's API.
      for (const m of customElementsManifest.modules) {
        for (const d of m.declarations ?? []) {
          linkLightElementAttributes(d);
          const hidden = new Set(
            (d.members ?? []).filter((member) => member.privacy && member.privacy !== 'public').map((member) => member.name),
          );
          if (d.members) d.members = d.members.filter((member) => !hidden.has(member.name));
          // Lit's `{ state: true }` properties have no attribute, whatever the analyzer guesses.
          if (d.attributes) d.attributes = d.attributes.filter((attribute) => !hidden.has(attribute.fieldName));
        }
      }
    },
  };
}

/**
 * <care-login> is a LightElement (src/care-login/light-element.ts), whose `static attributes`
 * names each attribute's property, which the analyzer's Lit support does not read: each attribute
 * gets its property and type as a LitElement's would, and the base's own members (the controller
 * host's) are left out, as LitElement's are.
 */
function linkLightElementAttributes(declaration) {
  const map = declaration.members?.find((member) => member.static && member.name === 'attributes' && member.default);
  if (!map) return;
  for (const [, , attribute, property] of map.default.matchAll(/(['"]?)([\w-]+)\1\s*:\s*'(\w+)'/g)) {
    const field = declaration.members.find((member) => member.name === property);
    const entry = declaration.attributes?.find((a) => a.name === attribute);
    if (!field || !entry) continue;
    field.attribute = attribute;
    Object.assign(entry, { type: field.type, fieldName: property });
  }
  declaration.members = declaration.members.filter((member) => member !== map && member.inheritedFrom?.name !== 'LightElement');
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/locales/**'],
  outdir: '.',
  litelement: true,
  dev: false,
  // package.json already names the manifest ("customElements"); the build must not rewrite it.
  packagejson: false,
  plugins: [careDefinePlugin()],
};
