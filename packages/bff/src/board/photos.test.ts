import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../auth/session.js';
import { sessionCookieName } from '../auth/session.js';
import { addContact } from '../contacts/queries.js';
import { noRights } from '../contacts/rights.js';
import { pruneExpired } from '../housekeeping/prune.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { caller, signedInClient, type SignedInClient } from '../testing/signed-in.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import type { BoardPostView } from './queries.js';

/**
 * Photos on the board: real image files made here with sharp, and crafted bad ones (an SVG, a
 * PDF renamed to .jpg, a truncated JPEG), uploaded over the widget API as a phone would.
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>['app'];
let call: ReturnType<typeof caller>;
let tenant: TenantRecord;
let smallQuota: TenantRecord;
let johanna: SignedInClient;
let other: SignedInClient;
let marieke: { tenant: TenantRecord; token: string };
let noBoard: { tenant: TenantRecord; token: string };

interface Uploaded {
  id: string;
  contentType: string;
  thumbnail: { url: string; width: number; height: number };
  screen: { url: string; width: number; height: number };
  quota: { usedBytes: number; limitBytes: number };
}

/** A raw upload: the file as the body, with the type a browser would send. */
function upload(who: { tenant: TenantRecord; token: string }, bytes: Uint8Array, type = 'image/jpeg', key = randomUUID()) {
  return app.request(`/api/tenants/${who.tenant.slug}/board/photos`, {
    method: 'POST',
    body: bytes,
    headers: {
      cookie: `${sessionCookieName(who.tenant.slug)}=${who.token}`,
      origin: 'http://localhost',
      'x-care-widgets': '1',
      'content-type': type,
      'idempotency-key': key,
    },
  });
}

async function uploaded(response: Response): Promise<Uploaded> {
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Uploaded;
}

/** A photo as a camera makes it: noisy, so that it compresses like one. */
async function cameraJpeg(width: number, height: number, extra: (image: Sharp) => Sharp = (i) => i): Promise<Buffer> {
  const noise = await sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  })
    .png()
    .toBuffer();
  return extra(sharp(noise).jpeg({ quality: 90 })).toBuffer();
}

/** Left half red, right half blue: after turning, which side is red tells the orientation. */
async function halves(width: number, height: number) {
  const half = await sharp({ create: { width: width / 2, height, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#0000ff' } }).composite([{ input: half, left: 0, top: 0 }]);
}

async function fetchPhoto(who: { tenant: TenantRecord; token: string }, url: string) {
  return call(who, `/${url}`);
}

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  smallQuota = await createTenant(database.db, { board: { photoQuotaMegabytes: 0 } });
  clearTenantCache();
  app = createTestApp(database).app;
  call = caller(app);
  johanna = await signedInClient(database.db, tenant);
  other = await signedInClient(database.db, tenant);
  for (const [name, rights] of [
    ['Marieke de Vries', { ...noRights, board: true }],
    ['Joris de Vries', { ...noRights, messages: true }],
  ] as const) {
    const added = await addContact(
      database.db,
      { tenantId: tenant.id, clientId: johanna.clientId },
      {
        name,
        email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.nl`,
        mobile: '+31687654321',
        relationship: 'daughter',
        rights,
        invitedByAccountId: johanna.accountId,
      },
    );
    if (added.outcome !== 'added') throw new Error('not added');
    await database.db.updateTable('accounts').set({ status: 'active' }).where('id', '=', added.accountId).execute();
    const { token } = await createSession(database.db, {
      tenant,
      accountId: added.accountId,
      clientId: johanna.clientId,
      state: 'active',
      ip: null,
      userAgent: null,
    });
    if (name.startsWith('Marieke')) marieke = { tenant, token };
    else noBoard = { tenant, token };
  }
});
afterAll(async () => {
  await database?.close();
});

describe('uploading a photo', () => {
  it('stores a thumbnail and a screen-size JPEG of a large camera photo, and serves them privately', async () => {
    const photo = await uploaded(await upload(marieke, await cameraJpeg(4000, 3000)));
    expect(photo).toMatchObject({
      contentType: 'image/jpeg',
      thumbnail: { width: 480, height: 360, url: `board/photos/${photo.id}/thumbnail` },
      screen: { width: 1600, height: 1200 },
    });
    expect(photo.quota.usedBytes).toBeGreaterThan(0);
    const response = await fetchPhoto(marieke, photo.thumbnail.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('cache-control')).toBe('private, max-age=3600');
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 480, 360]);
  });

  it('takes PNG with transparency, WebP and AVIF-coded HEIF', async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0.5 } } })
      .png()
      .toBuffer();
    const webp = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#336699' } })
      .webp()
      .toBuffer();
    const avif = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#996633' } })
      .heif({ compression: 'av1' })
      .toBuffer();
    for (const [bytes, type] of [
      [png, 'image/png'],
      [webp, 'image/webp'],
      [avif, 'image/heif'],
    ] as const) {
      const photo = await uploaded(await upload(marieke, bytes, type));
      expect(photo.screen).toMatchObject({ width: 300, height: 200 }); // never enlarged
    }
  });

  it('removes the EXIF data, the GPS location with it', async () => {
    const withGps = await cameraJpeg(800, 600, (image) =>
      image.withExif({
        IFD0: { Make: 'Apple', Model: 'iPhone 15' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 13/1 3080/100', GPSLongitudeRef: 'E', GPSLongitude: '5/1 10/1 1234/100' },
      }),
    );
    const original = await sharp(withGps).metadata();
    expect(original.exif?.toString('latin1')).toContain('iPhone 15');
    const photo = await uploaded(await upload(marieke, withGps));
    for (const size of ['thumbnail', 'screen'] as const) {
      const stored = Buffer.from(await (await fetchPhoto(marieke, photo[size].url)).arrayBuffer());
      const meta = await sharp(stored).metadata();
      expect(meta.exif, size).toBeUndefined();
      expect(meta.xmp, size).toBeUndefined();
      expect(stored.toString('latin1')).not.toContain('iPhone');
    }
    const row = await database.db
      .selectFrom('board_photos')
      .select(['thumbnail', 'screen'])
      .where('id', '=', photo.id)
      .executeTakeFirstOrThrow();
    for (const bytes of [row.thumbnail, row.screen]) expect((await sharp(Buffer.from(bytes)).metadata()).exif).toBeUndefined();
  });

  it('turns the photo as its EXIF orientation says', async () => {
    // Stored 400x200 with "rotate 90° clockwise to show": shown upright it is 200x400, red on top.
    const sideways = await (await halves(400, 200)).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(sideways).metadata()).orientation).toBe(6);
    const photo = await uploaded(await upload(marieke, sideways));
    expect(photo.screen).toMatchObject({ width: 200, height: 400 });
    const stored = Buffer.from(await (await fetchPhoto(marieke, photo.screen.url)).arrayBuffer());
    const { data, info } = await sharp(stored).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
    ];
    const [topRed, , topBlue] = pixel(100, 20);
    const [bottomRed, , bottomBlue] = pixel(100, 380);
    expect(topRed).toBeGreaterThan(200);
    expect(topBlue).toBeLessThan(60);
    expect(bottomBlue).toBeGreaterThan(200);
    expect(bottomRed).toBeLessThan(60);
    expect((await sharp(stored).metadata()).orientation).toBeUndefined();
  });

  it('refuses an SVG, a renamed PDF, a truncated JPEG and an empty body with a Dutch message', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script><rect width="100" height="100"/></svg>',
    );
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const jpeg = await cameraJpeg(1200, 900);
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    for (const [bytes, type, status, code, detail] of [
      [svg, 'image/svg+xml', 415, 'unsupported-photo', /geen foto/],
      [pdf, 'image/jpeg', 415, 'unsupported-photo', /geen foto/],
      [gif, 'image/gif', 415, 'unsupported-photo', /geen foto/],
      [truncated, 'image/jpeg', 422, 'unreadable-photo', /beschadigd of niet helemaal verstuurd/],
    ] as const) {
      const response = await upload(marieke, bytes, type);
      expect(response.status, code).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ code, detail: expect.stringMatching(detail) });
    }
    expect((await upload(marieke, new Uint8Array())).status).toBe(400);
    const stored = await database.db.selectFrom('board_photos').select('id').where('client_id', '=', other.clientId).execute();
    expect(stored).toEqual([]);
  });

  it('refuses an iPhone HEIC photo (HEVC) saying to choose JPEG or "Meest compatibel"', async () => {
    // The smallest HEIF container that names the HEVC codec: what an iPhone's "Hoge efficiëntie" sends.
    const heic = heicContainer();
    const response = await upload(marieke, heic, 'image/heic');
    expect(response.status).toBe(415);
    const problem = (await response.json()) as { code: string; detail: string; format?: string };
    expect(problem.code).toBe('unsupported-photo');
    expect(problem.detail).toContain('Meest compatibel');
    expect(problem.detail).toContain('JPEG');
  });

  it('refuses a body over 10 MB before reading it, with a Dutch message', async () => {
    const response = await upload(marieke, new Uint8Array(10 * 1024 * 1024 + 1));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'too-large', detail: 'Deze foto is groter dan 10 MB. Kies een kleinere foto.' });
  });

  it('answers a retried upload with the same photo under its Idempotency-Key', async () => {
    const key = randomUUID();
    const bytes = await cameraJpeg(640, 480);
    const first = await uploaded(await upload(marieke, bytes, 'image/jpeg', key));
    const again = await upload(marieke, bytes, 'image/jpeg', key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await uploaded(again)).id).toBe(first.id);
    expect((await upload(johanna, bytes, 'image/jpeg', key)).status).toBe(409);
  });
});

describe('photos in posts', () => {
  it('posts up to six photos with their descriptions, in order, and refuses a seventh or one without description', async () => {
    const photos = await Promise.all(
      [...Array(7).keys()].map(async () => (await uploaded(await upload(marieke, await cameraJpeg(320, 240)))).id),
    );
    const tooMany = await call(marieke, '/board/posts', {
      json: { text: 'Zeven', photos: photos.map((id) => ({ id, description: 'Een foto' })) },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(tooMany.status).toBe(400);
    const undescribed = await call(marieke, '/board/posts', {
      json: { photos: [{ id: photos[0], description: '  ' }] },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(undescribed.status).toBe(400);
    expect(await undescribed.json()).toMatchObject({ errors: [{ field: 'photos.0.description' }] });
    const response = await call(marieke, '/board/posts', {
      json: { text: '', photos: photos.slice(0, 6).map((id, i) => ({ id, description: `Foto ${i + 1} van de verjaardag` })) },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(response.status).toBe(201);
    const post = (await response.json()) as BoardPostView;
    expect(post.photos.map((p) => [p.id, p.description])).toEqual(
      photos.slice(0, 6).map((id, i) => [id, `Foto ${i + 1} van de verjaardag`]),
    );
    // The client sees them, a posted photo cannot be posted again.
    expect((await fetchPhoto(johanna, post.photos[0]!.screen.url)).status).toBe(200);
    const twice = await call(johanna, '/board/posts', {
      json: { photos: [{ id: photos[0], description: 'Nog eens' }] },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(twice.status).toBe(404);
  });

  it('shows a photo only to who may see the board, and an open upload only to its uploader', async () => {
    const photo = await uploaded(await upload(marieke, await cameraJpeg(320, 240)));
    expect((await fetchPhoto(johanna, photo.thumbnail.url)).status).toBe(404);
    const posted = await call(marieke, '/board/posts', {
      json: { photos: [{ id: photo.id, description: 'Zonsondergang' }] },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(posted.status).toBe(201);
    expect((await fetchPhoto(johanna, photo.thumbnail.url)).status).toBe(200);
    expect((await fetchPhoto(other, photo.thumbnail.url)).status).toBe(404);
    const refused = await fetchPhoto(noBoard, photo.thumbnail.url);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'no-right', area: 'board' });
    const views = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', photo.id)
      .where('action', '=', 'board.photo.view')
      .execute();
    // The one photo served is audited; the refusals are not views.
    expect(views.length).toBe(1);
  });

  it('removes the photos with their post, and an unposted upload on request', async () => {
    const photo = await uploaded(await upload(johanna, await cameraJpeg(320, 240)));
    const loose = await uploaded(await upload(johanna, await cameraJpeg(320, 240)));
    const post = (await (
      await call(johanna, '/board/posts', {
        json: { text: 'Met foto', photos: [{ id: photo.id, description: 'Taart' }] },
        headers: { 'idempotency-key': randomUUID() },
      })
    ).json()) as BoardPostView;
    expect((await call(johanna, `/board/posts/${post.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetchPhoto(johanna, photo.thumbnail.url)).status).toBe(404);
    expect(await database.db.selectFrom('board_photos').select('id').where('id', '=', photo.id).execute()).toEqual([]);
    expect((await call(marieke, `/board/photos/${loose.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await call(johanna, `/board/photos/${loose.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await database.db.selectFrom('board_photos').select('id').where('id', '=', loose.id).execute()).toEqual([]);
  });
});

describe('uploads never posted', () => {
  it('are deleted by the housekeeping after a day, freeing the quota; posted photos stay', async () => {
    const client = await signedInClient(database.db, tenant);
    const left = await uploaded(await upload(client, await cameraJpeg(320, 240)));
    const fresh = await uploaded(await upload(client, await cameraJpeg(320, 240)));
    const posted = await uploaded(await upload(client, await cameraJpeg(320, 240)));
    await call(client, '/board/posts', {
      json: { photos: [{ id: posted.id, description: 'Blijft' }] },
      headers: { 'idempotency-key': randomUUID() },
    });
    await sql`update board_photos set created_at = now() - interval '2 days' where id in (${left.id}, ${posted.id})`.execute(database.db);
    const report = await pruneExpired(database.db);
    expect(report.boardUploads).toBeGreaterThanOrEqual(1);
    const kept = await database.db.selectFrom('board_photos').select('id').where('client_id', '=', client.clientId).orderBy('id').execute();
    expect(kept.map((row) => row.id).sort()).toEqual([fresh.id, posted.id].sort());
  });
});

describe('the quota', () => {
  it('refuses an upload that would pass the tenant’s quota for the board', async () => {
    const client = await signedInClient(database.db, smallQuota);
    const response = await upload(client, await cameraJpeg(320, 240));
    expect(response.status).toBe(507);
    expect(await response.json()).toMatchObject({ code: 'quota-exceeded', detail: expect.stringContaining('geen ruimte meer') });
  });

  it('counts the stored versions of the board’s photos', async () => {
    const client = await signedInClient(database.db, tenant);
    const first = await uploaded(await upload(client, await cameraJpeg(640, 480)));
    const second = await uploaded(await upload(client, await cameraJpeg(640, 480)));
    expect(first.quota.limitBytes).toBe(200 * 1024 * 1024);
    expect(second.quota.usedBytes).toBeGreaterThan(first.quota.usedBytes);
    const rows = await database.db
      .selectFrom('board_photos')
      .select(['stored_bytes', 'thumbnail', 'screen'])
      .where('client_id', '=', client.clientId)
      .execute();
    expect(second.quota.usedBytes).toBe(rows.reduce((sum, r) => sum + r.thumbnail.length + r.screen.length, 0));
  });
});

/** ISO BMFF boxes of a HEIF file whose item is HEVC-coded ('hvc1'), with an 'heic' brand. */
function heicContainer(): Uint8Array {
  const box = (type: string, ...parts: Buffer[]) => {
    const body = Buffer.concat(parts);
    const header = Buffer.alloc(8);
    header.writeUInt32BE(8 + body.length);
    header.write(type, 4, 'latin1');
    return Buffer.concat([header, body]);
  };
  const full = (version: number, flags: number) => Buffer.from([version, (flags >> 16) & 255, (flags >> 8) & 255, flags & 255]);
  const u16 = (n: number) => Buffer.from([(n >> 8) & 255, n & 255]);
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const ftyp = box('ftyp', Buffer.from('heic', 'latin1'), u32(0), Buffer.from('mif1heic', 'latin1'));
  const hdlr = box('hdlr', full(0, 0), u32(0), Buffer.from('pict', 'latin1'), Buffer.alloc(12), Buffer.from([0]));
  const pitm = box('pitm', full(0, 0), u16(1));
  const infe = box('infe', full(2, 0), u16(1), u16(0), Buffer.from('hvc1', 'latin1'), Buffer.from([0]));
  const iinf = box('iinf', full(0, 0), u16(1), infe);
  const ispe = box('ispe', full(0, 0), u32(64), u32(64));
  const hvcC = box('hvcC', Buffer.from([1, 1, 0x60, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 0x5d, 0xf0, 0, 0xfc, 0xfd, 0xf8, 0xf8, 0, 0, 0x0f, 0]));
  const ipco = box('ipco', hvcC, ispe);
  const ipma = box('ipma', full(0, 0), u32(1), u16(1), Buffer.from([2, 0x81, 0x02]));
  const iprp = box('iprp', ipco, ipma);
  const data = Buffer.alloc(16);
  const ilocFor = (offset: number) =>
    box('iloc', full(0, 0), Buffer.from([0x44, 0x00]), u16(1), u16(1), u16(0), u16(1), u32(offset), u32(data.length));
  const metaWith = (offset: number) => box('meta', full(0, 0), hdlr, pitm, ilocFor(offset), iinf, iprp);
  const offset = ftyp.length + metaWith(0).length + 8;
  return Buffer.concat([ftyp, metaWith(offset), box('mdat', data)]);
}
