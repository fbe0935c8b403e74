import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address of the client. X-Forwarded-For is believed only when the direct peer is one of the
 * configured proxies, and then only the right-most address that is not itself a trusted proxy:
 * anything further left was written by the client and can be forged.
 */
export function clientAddress(c: Context, trustedProxies: readonly string[]): string | null {
  let peer: string | null;
  try {
    peer = normalise(getConnInfo(c).remote.address ?? null);
  } catch {
    peer = null; // not served by node-server (in-process tests)
  }
  if (!peer || !trustedProxies.includes(peer)) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => normalise(part.trim()))
    .filter((part): part is string => Boolean(part));
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const hop = forwarded[i]!;
    if (!trustedProxies.includes(hop)) return hop;
  }
  return peer;
}

function normalise(address: string | null): string | null {
  if (!address) return null;
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}
