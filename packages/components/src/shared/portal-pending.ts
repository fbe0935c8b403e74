/** How long a page may take to load `<care-portal>`'s module before the widget says it is missing. */
const PATIENCE_MS = 3000;

/**
 * Runs `ask` once `<care-portal>` is defined. A portal still undefined after a few seconds means
 * a page without its module: the console says what to load, and `missing` lets the widget say so
 * too. Should the module arrive later after all, `ask` still runs and the widget recovers.
 */
export function waitForPortal(widget: Element, ask: () => void, missing: () => void): void {
  const registry = customElements;
  void registry.whenDefined('care-portal').then(ask);
  setTimeout(() => {
    if (registry.get('care-portal')) return;
    console.error(
      `<${widget.localName}> is inside <care-portal>, which is not defined: load /widgets/care-portal.js (or the bundle) on this page too.`,
    );
    missing();
  }, PATIENCE_MS);
}
