import { executeServerCommand } from './test-session.js';

export interface SavedFile {
  fileName: string;
  size: number;
  /** The first 16 bytes, e.g. `%PDF-` or `BEGIN:VCALENDAR`. */
  head: string;
  /** With `unzip`: the ZIP's entry names, as `unzip` lists them after checking every entry. */
  entries?: string[];
  /** With `unzip.json`: that entry's JSON. */
  json?: unknown;
}

/**
 * The next file the browser saves, as Playwright sees the download (web-test-runner.browser.mjs).
 * Call before the click, await after it.
 */
export function nextDownload(options: { timeout?: number; unzip?: { json?: string } } = {}): Promise<SavedFile> {
  return executeServerCommand('care-download', options) as Promise<SavedFile>;
}
