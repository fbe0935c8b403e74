/**
 * The widgets' loader, as Shoelace's autoloader: one small module for the host page's script tag
 * that fetches an element's module only when its tag is in the page, so a page pays for the
 * widgets it shows and a new widget in the package costs nothing elsewhere. It watches the
 * document, and the shadow roots of the care elements it loads, for tags added later.
 *
 * The imports point at the per-element modules (dist/<tag>.js beside this file), which share
 * lit and the API client through dist/chunks/. A new widget is one line here.
 */
const elementModules: Record<string, () => Promise<unknown>> = {
  'care-portal': () => import('./care-portal/care-portal.js'),
  'care-login': () => import('./care-login/care-login.js'),
  'care-reports': () => import('./care-reports/care-reports.js'),
  'care-measurements': () => import('./care-measurements/care-measurements.js'),
  'care-agenda': () => import('./care-agenda/care-agenda.js'),
  'care-messages': () => import('./care-messages/care-messages.js'),
  'care-plan': () => import('./care-plan/care-plan.js'),
  'care-profile': () => import('./care-profile/care-profile.js'),
  'care-access-log': () => import('./care-access-log/care-access-log.js'),
  'care-activity': () => import('./care-activity/care-activity.js'),
  'care-contacts': () => import('./care-contacts/care-contacts.js'),
  'care-board': () => import('./care-board/care-board.js'),
};

const anyCareElement = Object.keys(elementModules).join(',');
const requested = new Set<string>();
const watched = new WeakSet<Node>();
const observer = new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) if (node instanceof Element) discover(node);
  }
});

function load(tag: string): void {
  if (requested.has(tag) || customElements.get(tag)) return;
  requested.add(tag);
  elementModules[tag]!().catch((error: unknown) => {
    // A failed fetch (e.g. offline) may succeed when the tag is added again.
    requested.delete(tag);
    console.error(`care-widgets: could not load <${tag}>`, error);
  });
}

/** Loads the modules of the care elements in `root` (itself included), and watches their shadow roots. */
export function discover(root: Element | Document | ShadowRoot): void {
  const found = [...root.querySelectorAll(anyCareElement)];
  if (root instanceof Element && root.matches(anyCareElement)) found.push(root);
  for (const element of found) {
    const tag = element.localName;
    // A widget asks its <care-portal> for the session once, when it is connected: the portal
    // must be defined first, or the widget waits for a context nobody answers.
    if (tag !== 'care-portal' && element.closest('care-portal') && !customElements.get('care-portal')) {
      load('care-portal');
      void customElements.whenDefined('care-portal').then(() => load(tag));
    } else {
      load(tag);
    }
    void customElements.whenDefined(tag).then(() => {
      if (element.shadowRoot) watch(element.shadowRoot);
    });
  }
}

function watch(root: Document | ShadowRoot): void {
  if (watched.has(root)) return;
  watched.add(root);
  observer.observe(root, { childList: true, subtree: true });
  discover(root);
}

if (globalThis.customElements && globalThis.document) watch(document);
