import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Text files, which compress; images and fonts are compressed already. */
const compressible = new Set(['.js', '.mjs', '.map', '.json', '.css', '.html', '.svg', '.txt']);

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

export interface StaticFile {
  body: Buffer<ArrayBuffer>;
  etag: string;
  compressible: boolean;
  /** `x.js.map` beside `x.js`: DevTools find it through the `SourceMap` header (the build writes no comment). */
  sourceMap?: string;
  encoded: Partial<Record<Encoding, Promise<Buffer<ArrayBuffer> | undefined>>>;
}

/**
 * The files of /widgets/ and /examples/, read once per version (modification time and size) and
 * compressed once per encoding, at the highest level: each is sent thousands of times, and the
 * bundle budgets count them compressed. The paths are files that exist in those folders, which
 * are the deployment's own; the bound only keeps a folder that is replaced often from growing it.
 */
const files = new Map<string, { version: string; file: Promise<StaticFile> }>();
const MAX_FILES = 2_000;

export async function staticFile(path: string): Promise<StaticFile | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const version = `${info.mtimeMs}:${info.size}`;
  const cached = files.get(path);
  if (cached?.version === version) return cached.file;
  const file = load(path);
  files.delete(path);
  if (files.size >= MAX_FILES) files.delete(files.keys().next().value!);
  files.set(path, { version, file });
  file.catch(() => files.get(path)?.file === file && files.delete(path));
  return file;
}

async function load(path: string): Promise<StaticFile> {
  const body = await readFile(path);
  const map = extname(path) === '.js' ? await stat(`${path}.map`).catch(() => undefined) : undefined;
  return {
    body,
    etag: createHash('sha1').update(body).digest('base64url'),
    compressible: compressible.has(extname(path)),
    sourceMap: map?.isFile() ? `${basename(path)}.map` : undefined,
    encoded: {},
  };
}

/** The file's body in `encoding`, or undefined where that would not be smaller (or failed). */
export function encodedBody(file: StaticFile, encoding: Encoding): Promise<Buffer<ArrayBuffer> | undefined> {
  file.encoded[encoding] ??= (
    encoding === 'br'
      ? brotli(file.body, {
          params: {
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: file.body.length,
          },
        })
      : gzipped(file.body, { level: constants.Z_BEST_COMPRESSION })
  )
    .then((encoded) => (encoded.length < file.body.length ? (encoded as Buffer<ArrayBuffer>) : undefined))
    // Should compressing ever fail, the file goes out as it is.
    .catch(() => undefined);
  return file.encoded[encoding];
}

/**
 * The encoding to send for an `Accept-Encoding` header (RFC 9110 §12.5.3): the accepted one with
 * the highest weight, Brotli on a tie; none for a missing header, `identity` only, or `q=0`.
 * Only the first 1,000 characters and 32 entries are read.
 */
export function chooseEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const entry of header.slice(0, 1000).split(',').slice(0, 32)) {
    const [coding = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    const q = params.map((param) => /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.exec(param)).find(Boolean);
    if (coding) weights.set(coding, q ? Number(q[1]) : params.some((p) => p.startsWith('q=')) ? 0 : 1);
  }
  const weight = (coding: Encoding) =>
    weights.get(coding) ?? (coding === 'gzip' ? weights.get('x-gzip') : undefined) ?? weights.get('*') ?? 0;
  const br = weight('br');
  const gz = weight('gzip');
  if (br > 0 && br >= gz) return 'br';
  return gz > 0 ? 'gzip' : undefined;
}
