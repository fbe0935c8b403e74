import type { CareApiClient } from './api-client.js';

/**
 * Fetches the file a link points to (`href` is exactly `client.url(path)`) through the API client,
 * with the session's cookie, and has the browser save it under the link's `download` name.
 */
export async function saveFile(client: CareApiClient, link: HTMLAnchorElement): Promise<void> {
  const blob = await client.get<Blob>(link.getAttribute('href')!.slice(client.url('').length));
  const saver = document.createElement('a');
  saver.href = URL.createObjectURL(blob);
  saver.download = link.download;
  saver.click();
  // Later, not at once: the browser may still be reading the Blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(saver.href), 60_000);
}
