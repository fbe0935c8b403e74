import { executeServerCommand } from './test-session.js';

export interface SavedFile {
  fileName: string;
  size: number;
  /** The first 16 bytes, e.g. `%PDF-` or `BEGIN:VCALENDAR`. */
  head: string;
}

/**
 * The next file the browser saves, as Playwright sees the download (web-test-runner.browser.mjs).
 * Call before the click, await after it.
 */
export function nextDownload(): Promise<SavedFile> {
  return executeServerCommand('care-download', {}) as Promise<SavedFile>;
}
