import { isValidBsn } from '../validation/bsn.js';
import type { SeededRandom } from './random.js';

/**
 * A made-up BSN that passes the 11-proef. It starts with 99999, the range the Dutch
 * government keeps for test numbers, so it cannot be a real person's.
 */
export function fictionalBsn(rng: SeededRandom): string {
  for (;;) {
    const digits = `99999${rng.int(0, 999).toString().padStart(3, '0')}`;
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
    const check = sum % 11;
    if (check === 10) continue;
    const bsn = `${digits}${check}`;
    if (isValidBsn(bsn)) return bsn;
  }
}
