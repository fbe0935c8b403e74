/**
 * A small in-process cache keyed by request input: at most `maxEntries` keys, each kept at most
 * `maxAgeMs`; the least recently used key goes first. Nothing a stranger sends can make it grow
 * past its bound (a plain Map keyed by a URL segment can be filled until the process dies).
 */
export class BoundedCache<V> {
  readonly #entries = new Map<string, { value: V; until: number }>();

  constructor(
    readonly maxEntries: number,
    readonly maxAgeMs: number,
  ) {}

  get size() {
    return this.#entries.size;
  }

  get(key: string, now = Date.now()): { value: V } | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.until < now) return undefined;
    this.#entries.set(key, entry); // most recently used last
    return { value: entry.value };
  }

  set(key: string, value: V, now = Date.now()) {
    this.#entries.delete(key);
    this.#entries.set(key, { value, until: now + this.maxAgeMs });
    while (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
  }

  delete(key: string) {
    this.#entries.delete(key);
  }

  clear() {
    this.#entries.clear();
  }
}
