/**
 * Takes the widgets' "Alle …" parameters (`?care-reports=all`) out of the test page's address, so
 * a full view one test opened does not open again in the next test's widgets, as it would after a
 * reload. Use as a root hook: `afterEach(forgetFullViews)`.
 */
export function forgetFullViews(): void {
  const url = new URL(location.href);
  for (const name of [...url.searchParams.keys()]) if (name.startsWith('care-')) url.searchParams.delete(name);
  if (url.href !== location.href) history.replaceState(null, '', url);
}
