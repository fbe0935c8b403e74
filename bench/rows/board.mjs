// The bulletin board (issue 18) on real PostgreSQL: a 4 MB camera JPEG uploaded to a stored
// thumbnail (time and the BFF's peak RSS above idle), and the read of a board of 200 posts
// beside a bare `pg` loop replaying the statements the BFF sent for that read (as rows/read.mjs).
//
// The board is j.de.vries's (De Linde), topped up to 200 posts by the bench directly in the
// database: each with a photo (the bytes of a seeded one) and two replies, as a lively board
// has. The upload is the raw file as the widget sends it (`POST board/photos`, a fresh
// Idempotency-Key each time, an Origin the tenant allows); the answer comes once the thumbnail
// and the screen-size version are stored. Memory as in rows/pdf.mjs: VmHWM reset before each
// upload plus VmRSS sampled every 10 ms; idle = VmRSS after a warm-up upload.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { activeSessions, memoryOf, openBffDatabase, startBff, startSeededPostgres, tenantOrThrow } from '../lib/bff.mjs';
import { bffCli, bffDist, NotBuiltError, requireFromBff } from '../lib/paths.mjs';
import { captureStatements, combine, describe, driveBff, rawPgLoop } from './read.mjs';

export const name = 'board';
export const timeoutMs = 170_000;

const TENANT = 'zorggroep-de-linde';
const USERNAME = 'j.de.vries';
const POSTS = 200;
const PAGE = 50;
const UPLOADS = 3;
const CONNECTIONS = 50;
const WARMUP_S = 2;
const DURATION_S = 8;
const ROUNDS = 2;

export async function measure() {
  if (!existsSync(bffCli)) throw new NotBuiltError('packages/bff/dist/cli.js');
  if (!existsSync(join(bffDist, 'board/routes.js'))) throw new NotBuiltError('packages/bff/dist/board/routes.js');
  const cleanups = [];
  try {
    const pg = await startSeededPostgres();
    cleanups.push(() => pg.stop());
    const database = await openBffDatabase(pg.url, 4);
    cleanups.push(() => database.close());
    const tenant = await tenantOrThrow(database.db, TENANT);
    const { account, sessions } = await activeSessions(database.db, tenant, USERNAME, CONNECTIONS);
    const posts = await topUpBoard(pg.url, tenant.id, account);

    const rows = [];
    rows.push(...(await measureUpload(pg.env, tenant, sessions[0].cookie)));
    rows.push(...(await measureRead(pg, sessions, posts)));
    return rows;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

/** Fills the board to POSTS posts, each with a photo and two replies; returns the number of posts. */
async function topUpBoard(url, tenantId, { accountId, clientId }) {
  const pgModule = requireFromBff('pg');
  const client = new pgModule.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('select count(*)::int as n from board_posts where tenant_id = $1 and client_id = $2', [
      tenantId,
      clientId,
    ]);
    const missing = Math.max(0, POSTS - rows[0].n);
    await client.query(
      `with posts as (
         insert into board_posts (tenant_id, client_id, author_kind, author_account_id, author_name, text, created_at)
         select $1, $2, 'client', $3, 'Johanna de Vries',
                'Bench-bericht ' || g || ': vanmiddag zijn we met z''n allen naar het park geweest, het was heerlijk weer.',
                now() - interval '30 days' + g * interval '1 hour'
           from generate_series(1, $4::int) g
         returning tenant_id, id, client_id, created_at),
       photos as (
         insert into board_photos (tenant_id, client_id, post_id, position, description, uploaded_by_account_id, content_type,
                                   thumbnail, thumbnail_width, thumbnail_height, screen, screen_width, screen_height, stored_bytes, created_at)
         select p.tenant_id, p.client_id, p.id, 0, 'Bench-foto in het park', $3, s.content_type,
                s.thumbnail, s.thumbnail_width, s.thumbnail_height, s.screen, s.screen_width, s.screen_height, s.stored_bytes, p.created_at
           from posts p
           cross join (select * from board_photos where tenant_id = $1 and client_id = $2 and post_id is not null limit 1) s
         returning 1)
       insert into board_replies (tenant_id, post_id, client_id, author_kind, author_account_id, author_name, text, created_at)
       select p.tenant_id, p.id, p.client_id, 'staff', null, 'Sanne Visser', 'Wat leuk om te zien! (' || r || ')', p.created_at + r * interval '5 minutes'
         from posts p cross join generate_series(1, 2) r`,
      [tenantId, clientId, accountId, missing],
    );
    const after = await client.query('select count(*)::int as n from board_posts where tenant_id = $1 and client_id = $2', [
      tenantId,
      clientId,
    ]);
    return after.rows[0].n;
  } finally {
    await client.end();
  }
}

/** A noisy camera-like JPEG of about 4 MB, made with the BFF's own sharp. */
async function cameraJpeg() {
  const sharp = requireFromBff('sharp');
  let best;
  // A 12-megapixel-class photo at camera quality: 3400×2550 at q92 is about 4.0 MB.
  for (const [width, height, quality] of [
    [3400, 2550, 92],
    [3600, 2700, 90],
    [4000, 3000, 88],
  ]) {
    const noise = await sharp({
      create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } },
    })
      .blur(0.6)
      .png()
      .toBuffer();
    const jpeg = await sharp(noise).jpeg({ quality }).toBuffer();
    if (!best || Math.abs(jpeg.length - 4e6) < Math.abs(best.bytes.length - 4e6)) best = { bytes: jpeg, width, height };
    if (Math.abs(jpeg.length - 4e6) < 0.25e6) break;
  }
  return best;
}

async function measureUpload(env, tenant, cookie) {
  const photo = await cameraJpeg();
  const bff = await startBff(env);
  try {
    const origin = tenant.settings.allowedOrigins[0];
    if (!origin) throw new Error(`${TENANT} allows no origin for writes`);
    const run = `${process.pid}-${Date.now().toString(36)}`;
    const upload = async (i) => {
      const started = performance.now();
      const response = await fetch(`${bff.url}/api/tenants/${TENANT}/board/photos`, {
        method: 'POST',
        headers: { cookie, origin, 'x-care-widgets': '1', 'content-type': 'image/jpeg', 'idempotency-key': `bench-photo-${run}-${i}` },
        body: photo.bytes,
      });
      const body = await response.json();
      const ms = performance.now() - started;
      if (response.status !== 201) throw new Error(`POST board/photos answered ${response.status}: ${JSON.stringify(body).slice(0, 200)}`);
      return { ms, thumbnail: body.thumbnail };
    };
    await upload('warm');
    await sleep(500);
    const idle = (await memoryOf(bff.pid)).rss;
    const runs = [];
    for (let i = 0; i < UPLOADS; i++) runs.push(await watched(bff.pid, () => upload(i)));
    const times = runs.map((r) => r.ms).sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const worstPeak = Math.max(...runs.map((r) => r.peak)) - idle;
    const mb = (b) => `${(b / 1e6).toFixed(0)} MB`;
    const what = `${(photo.bytes.length / 1e6).toFixed(2)} MB JPEG, ${photo.width}×${photo.height}, thumbnail ${runs[0].thumbnail.width}×${runs[0].thumbnail.height}`;
    return [
      {
        figure: `board photo: POST board/photos of a 4 MB JPEG to the stored thumbnail and screen version, median of ${UPLOADS}`,
        measured: `${(median / 1000).toFixed(2)} s (${times.map((t) => (t / 1000).toFixed(2)).join(' / ')} s; ${what})`,
        target: '',
        ok: null,
      },
      {
        figure: `peak RSS of the BFF during that upload above idle, worst of ${UPLOADS}`,
        measured: `${mb(worstPeak)} (idle ${mb(idle)}, peaks ${runs.map((r) => mb(r.peak)).join(' / ')}; ${runs[0].hwmReset ? 'VmHWM reset + ' : ''}10 ms samples)`,
        target: '',
        ok: null,
        detail: { idleRss: idle, runs: runs.map(({ thumbnail: _t, ...r }) => r), photoBytes: photo.bytes.length },
      },
    ];
  } finally {
    await bff.stop();
  }
}

/** One piece of work while the process's memory is watched (see rows/pdf.mjs). */
async function watched(pid, work) {
  const hwmReset = await writeFile(`/proc/${pid}/clear_refs`, '5').then(
    () => true,
    () => false,
  );
  let sampled = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      sampled = Math.max(sampled, (await memoryOf(pid).catch(() => ({ rss: 0 }))).rss);
      await sleep(10);
    }
  })();
  let result;
  try {
    result = await work();
  } finally {
    sampling = false;
  }
  await sampler;
  const { hwm } = await memoryOf(pid);
  return { ...result, peak: Math.max(sampled, hwmReset ? hwm : 0), hwmReset };
}

async function measureRead(pg, sessions, posts) {
  const target = { path: `/api/tenants/${TENANT}/board?limit=${PAGE}`, label: `GET board?limit=${PAGE} (board of ${posts} posts)` };
  const statements = await captureStatements(pg.env, target, sessions[0]);
  const bff = await startBff(pg.env);
  const raw = rawPgLoop(pg.url, statements, sessions);
  try {
    // The whole board, page by page, as one reader scrolling to the end: 200 posts in 4 reads.
    const walk = [];
    for (let i = 0; i < 3; i++) walk.push(await readWholeBoard(bff.url, sessions[0].cookie));
    await driveBff(bff.url + target.path, sessions, WARMUP_S);
    await raw.run(WARMUP_S);
    const bffRounds = [];
    const rawRounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      bffRounds.push(await driveBff(bff.url + target.path, sessions, DURATION_S / ROUNDS));
      rawRounds.push(await raw.run(DURATION_S / ROUNDS));
    }
    const load = combine(bffRounds);
    const rawRate = combine(rawRounds);
    const walkMs = walk.map((w) => w.ms).sort((a, b) => a - b);
    return [
      {
        figure: `board read: all ${posts} posts page by page (${Math.ceil(posts / PAGE)} × GET board?limit=${PAGE}), one reader, median of 3`,
        measured: `${walkMs[1].toFixed(0)} ms (${walk[0].posts} posts, ${walk[0].photos} photos, ${walk[0].replies} replies, ${(walk[0].bytes / 1000).toFixed(0)} KB)`,
        target: '',
        ok: null,
      },
      {
        figure: `BFF on PostgreSQL: ${target.label}, ${CONNECTIONS} connections, ${ROUNDS}×${DURATION_S / ROUNDS} s`,
        measured: `${Math.round(load.rate)} req/s, p50 ${load.p50.toFixed(0)} ms / p99 ${load.p99.toFixed(0)} ms, ${(load.bytesPerResponse / 1000).toFixed(1)} KB/response${load.problems}`,
        target: '',
        ok: null,
      },
      {
        figure: `raw pg of the same ${statements.length} statement(s), ${CONNECTIONS} workers, ${ROUNDS}×${DURATION_S / ROUNDS} s`,
        measured: `${Math.round(rawRate.rate)} req/s (p50 ${rawRate.p50.toFixed(1)} ms / p99 ${rawRate.p99.toFixed(1)} ms)`,
        target: '',
        ok: null,
      },
      {
        figure: `board read: BFF rate / raw pg rate; round trips`,
        measured: `${(load.rate / rawRate.rate).toFixed(2)}×; ${statements.length}: ${statements.map(describe).join('; ')}`,
        target: '',
        ok: null,
        detail: { statements: statements.map(({ sql }) => sql.replace(/\s+/g, ' ').trim()) },
      },
    ];
  } finally {
    await raw.close().catch(() => {});
    await bff.stop();
  }
}

async function readWholeBoard(url, cookie) {
  const started = performance.now();
  let before;
  let posts = 0;
  let photos = 0;
  let replies = 0;
  let bytes = 0;
  do {
    const response = await fetch(`${url}/api/tenants/${TENANT}/board?limit=${PAGE}${before ? `&before=${before}` : ''}`, {
      headers: { cookie },
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET board answered ${response.status}: ${text.slice(0, 200)}`);
    bytes += text.length;
    const page = JSON.parse(text);
    posts += page.items.length;
    for (const post of page.items) {
      photos += post.photos.length;
      replies += post.replies.length;
    }
    before = page.nextBefore;
  } while (before);
  return { ms: performance.now() - started, posts, photos, replies, bytes };
}
