/** The detail of a custom event named in `HTMLElementEventMap` (each widget's define module adds its own). */
export type EventDetail<K extends keyof HTMLElementEventMap> = HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * Dispatches one of the widgets' events from `target`, bubbling and composed as all of them are,
 * so a host page hears it through every shadow root. Returns false when a listener called
 * `preventDefault()` on a `cancelable` event.
 */
export function emit<K extends keyof HTMLElementEventMap>(
  target: EventTarget,
  type: K,
  detail: EventDetail<K>,
  cancelable = false,
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}
