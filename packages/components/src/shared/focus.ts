import type { ReactiveElement } from 'lit';

const pending = new WeakMap<ReactiveElement, string>();

/**
 * Moves the focus, once `host` has rendered again, to the first element in its render root that
 * matches `selector`: a view's heading, the first invalid field, the button that opened a step.
 * The last call before the render wins; the host renders even if nothing else changed.
 */
export function focusAfterUpdate(host: ReactiveElement, selector: string): void {
  if (!pending.has(host)) {
    host.addController({
      hostUpdated() {
        const target = pending.get(host);
        if (!target) return;
        pending.set(host, '');
        host.renderRoot.querySelector<HTMLElement>(target)?.focus();
      },
    });
  }
  pending.set(host, selector);
  host.requestUpdate();
}
