/** A new key for a write the BFF must apply once, however often it is retried. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; a plain-http intranet page still gets 128 random bits.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The Idempotency-Key of a draft: the same for every retry of the same content, a new one once
 * the content changed (the BFF refuses one key for two different bodies).
 */
export class DraftKey {
  private key: string | undefined;
  private body: string | undefined;

  for(body: unknown): string {
    const text = JSON.stringify(body);
    if (!this.key || text !== this.body) {
      this.key = newIdempotencyKey();
      this.body = text;
    }
    return this.key;
  }

  /** The draft was saved or thrown away: the next one is a new write. */
  reset(): void {
    this.key = undefined;
    this.body = undefined;
  }
}
