/**
 * Registers a custom element unless its tag is taken. A host page may load the full bundle and a
 * per-widget module, or the same bundle twice; throwing there would break the host's page.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return;
  const existing = registry.get(tag);
  if (existing) {
    if (existing !== ctor) {
      console.warn(`<${tag}> is already defined by another copy of care-widgets; keeping the first definition.`);
    }
    return;
  }
  registry.define(tag, ctor);
}
