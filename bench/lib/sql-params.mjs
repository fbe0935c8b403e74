// Statement parameters through JSON and back, keeping the types pg sends differently.

export function encodeParams(params) {
  return params.map((value) => {
    if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
    if (value instanceof Date) return { $date: value.toISOString() };
    if (typeof value === 'bigint') return { $bigint: String(value) };
    return value;
  });
}

export function decodeParams(params) {
  return params.map((value) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if ('$bytes' in value) return Buffer.from(value.$bytes, 'base64');
      if ('$date' in value) return new Date(value.$date);
      if ('$bigint' in value) return BigInt(value.$bigint);
    }
    return value;
  });
}
