import { executeServerCommand } from './test-session.js';

/** Sets the test page's viewport, e.g. `setViewport(320)` for the narrowest phone WCAG 1.4.10 names. */
export function setViewport(width: number, height = 720): Promise<unknown> {
  return executeServerCommand('care-viewport', { width, height });
}

/**
 * What of a widget sticks out of its box: every element in its shadow root (and the light DOM of
 * a light-DOM widget), and in the shadow roots within, whose border box reaches past the widget's
 * left or right edge. Inside a scroll container (overflow-x auto/scroll/hidden) only the container
 * counts, since its content scrolls within it. Visually hidden texts (1 px, clipped) do not count.
 * Text wider than its element (a long unbroken word) counts too.
 */
export function overflowingParts(widget: Element): string[] {
  const box = widget.getBoundingClientRect();
  const found: string[] = [];
  const visit = (root: ParentNode) => {
    for (const element of Array.from(root.children)) {
      const style = getComputedStyle(element);
      if (style.display === 'none' || element.localName === 'style' || element.localName === 'template') continue;
      const rect = element.getBoundingClientRect();
      const hidden = rect.width <= 1 && rect.height <= 1;
      if (!hidden && rect.width > 0 && (rect.right > box.right + 0.5 || rect.left < box.left - 0.5)) {
        found.push(
          `${describe(element)} ${Math.round(rect.left - box.left)}…${Math.round(rect.right - box.left)} px in a ${Math.round(box.width)} px box`,
        );
      }
      const scrolls = /auto|scroll|hidden|clip/.test(style.overflowX);
      // Text wider than its element (an unbroken word) overflows without the element growing.
      if (!scrolls && !hidden && element.scrollWidth > element.clientWidth + 1 && rect.left + element.scrollWidth > box.right + 0.5) {
        found.push(
          `the text of ${describe(element)} reaches ${Math.round(rect.left + element.scrollWidth - box.left)} px in a ${Math.round(box.width)} px box`,
        );
      }
      if (!scrolls) {
        if (element.shadowRoot) visit(element.shadowRoot);
        visit(element);
      }
    }
  };
  visit(widget.shadowRoot ?? widget);
  return found;
}

/** Whether the page itself scrolls sideways. */
export function pageScrollsSideways(): boolean {
  return document.documentElement.scrollWidth > document.documentElement.clientWidth;
}

function describe(element: Element): string {
  const part = element.getAttribute('part');
  const cls = element.getAttribute('class');
  const text = (element.textContent ?? '').trim().slice(0, 30);
  return `<${element.localName}${part ? ` part="${part}"` : ''}${cls ? ` class="${cls}"` : ''}>${text ? ` "${text}"` : ''}`;
}
