import type { Page } from 'playwright-core';

/** What has the keyboard focus, inside shadow roots too, described as a screen reader user would hear it. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement as HTMLElement | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    if (!el) return '';
    const label = el instanceof HTMLInputElement ? (el.labels?.[0]?.textContent ?? el.name) : el.textContent;
    // A soft hyphen is a break point, not something a screen reader says.
    return `${el.localName}:${(label ?? '')
      .replace(/\u00AD/g, '')
      .replace(/\s+/g, ' ')
      .trim()}`;
  });

/** Presses Tab until the focus is on what `target` describes (at most `max` times). */
export async function tabTo(page: Page, target: string | RegExp, max = 80) {
  for (let i = 0; i < max; i += 1) {
    const now = await focused(page);
    if (typeof target === 'string' ? now === target : target.test(now)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}; the focus is on ${await focused(page)}`);
}
