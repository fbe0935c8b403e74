/**
 * A small seeded PRNG (mulberry32) so the demo data is the same on every run for the same
 * `now`: screenshots, stories and bug reports can refer to "the report of 3 March".
 */
export class SeededRandom {
  #state: number;

  constructor(seed: number | string) {
    this.#state = typeof seed === 'number' ? seed >>> 0 : hashSeed(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Roughly normal (sum of uniforms), enough for measurement noise. */
  gaussian(mean: number, deviation: number): number {
    const sum = this.next() + this.next() + this.next() + this.next() + this.next() + this.next();
    return mean + (sum - 3) * deviation * Math.SQRT2;
  }

  /** A child generator, so adding data to one series does not shift every other series. */
  fork(label: string): SeededRandom {
    return new SeededRandom((hashSeed(label) ^ this.int(0, 0xffffffff)) >>> 0);
  }
}

function hashSeed(text: string): number {
  // FNV-1a
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
