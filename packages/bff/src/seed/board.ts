import sharp from 'sharp';
import type { Transaction } from 'kysely';
import { processPhoto, type ProcessedPhoto } from '../board/photos.js';
import type { BoardAuthorKind, Database } from '../db/schema.js';
import type { Relationship } from '../contacts/rights.js';

/**
 * The demo's bulletin boards: a care-team post to everyone, a relative's outing with photos and
 * the client's own post, with replies. The photos are drawn here (SVG rendered to a JPEG, the
 * way a phone would send it) and stored through the same decoding as an upload.
 */
interface Drawing {
  key: string;
  description: string;
  svg: string;
}

const scene = (sky: string, ground: string, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900" viewBox="0 0 1200 900">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky}"/><stop offset="1" stop-color="#ffffff"/></linearGradient></defs>
    <rect width="1200" height="900" fill="url(#sky)"/><rect y="620" width="1200" height="280" fill="${ground}"/>${body}</svg>`;

const drawings: Drawing[] = [
  {
    key: 'kerstmarkt',
    description: 'Kerstboom met lichtjes en kraampjes in de recreatiezaal',
    svg: scene(
      '#1d3557',
      '#8d6e63',
      `<polygon points="600,120 420,620 780,620" fill="#2e7d32"/><rect x="570" y="620" width="60" height="90" fill="#5d4037"/>
       ${[...Array(14).keys()].map((i) => `<circle cx="${470 + ((i * 97) % 260)}" cy="${260 + i * 24}" r="12" fill="#ffd54f"/>`).join('')}
       <rect x="80" y="500" width="240" height="160" fill="#c62828"/><rect x="880" y="500" width="240" height="160" fill="#1565c0"/>`,
    ),
  },
  {
    key: 'markt',
    description: 'Moeder en dochter op een bankje in de zon bij de markt',
    svg: scene(
      '#64b5f6',
      '#81c784',
      `<circle cx="1000" cy="150" r="90" fill="#fdd835"/><rect x="350" y="560" width="500" height="40" fill="#795548"/>
       <circle cx="500" cy="420" r="60" fill="#ffccbc"/><rect x="450" y="480" width="100" height="120" fill="#7e57c2"/>
       <circle cx="700" cy="420" r="60" fill="#ffccbc"/><rect x="650" y="480" width="100" height="120" fill="#ef6c00"/>`,
    ),
  },
  {
    key: 'bloemen',
    description: 'Een bos gele en rode tulpen in een vaas op tafel',
    svg: scene(
      '#fff3e0',
      '#a1887f',
      `<rect x="520" y="460" width="160" height="220" rx="30" fill="#90caf9"/>
       ${[0, 1, 2, 3, 4].map((i) => `<line x1="600" y1="470" x2="${440 + i * 80}" y2="260" stroke="#388e3c" stroke-width="10"/><ellipse cx="${440 + i * 80}" cy="240" rx="34" ry="48" fill="${i % 2 ? '#e53935' : '#fdd835'}"/>`).join('')}`,
    ),
  },
  {
    key: 'tekening',
    description: 'Kindertekening van een huis met een zon en een hond',
    svg: scene(
      '#e3f2fd',
      '#aed581',
      `<rect x="380" y="380" width="360" height="260" fill="#ffab91" stroke="#000" stroke-width="8"/>
       <polygon points="360,390 560,220 760,390" fill="#d84315" stroke="#000" stroke-width="8"/>
       <rect x="520" y="500" width="80" height="140" fill="#6d4c41"/><circle cx="160" cy="140" r="70" fill="#ffeb3b"/>
       <ellipse cx="920" cy="620" rx="90" ry="45" fill="#8d6e63"/><circle cx="1010" cy="580" r="35" fill="#8d6e63"/>`,
    ),
  },
];

let drawn: Promise<Map<string, { photo: ProcessedPhoto; description: string }>> | undefined;

/** The drawings as stored photos, made once per process. */
function demoPhotos() {
  drawn ??= Promise.all(
    drawings.map(async (drawing) => {
      const jpeg = await sharp(Buffer.from(drawing.svg)).jpeg({ quality: 90 }).toBuffer();
      return [drawing.key, { photo: await processPhoto(jpeg), description: drawing.description }] as const;
    }),
  ).then((entries) => new Map(entries));
  return drawn;
}

interface Author {
  kind: BoardAuthorKind;
  accountId: string | null;
  name: string;
  relationship: Relationship | null;
}

export interface DemoBoard {
  tenantId: string;
  clientId: string;
  client: Author;
  /** A contact person with the board right, if the client has one. */
  contact: Author | undefined;
  /** The care team member who posts to everyone. */
  staffName: string;
  /** The care-team post, e.g. the Christmas market at the location. */
  announcement: string;
  daysAgo(days: number, hour?: number, minute?: number): Date;
}

export async function seedBoard(trx: Transaction<Database>, board: DemoBoard): Promise<void> {
  const photos = await demoPhotos();
  const staff: Author = { kind: 'staff', accountId: null, name: board.staffName, relationship: null };
  const post = async (author: Author, text: string, at: Date, photoKeys: string[] = [], ecdId: string | null = null) => {
    const { id } = await trx
      .insertInto('board_posts')
      .values({
        tenant_id: board.tenantId,
        client_id: board.clientId,
        author_kind: author.kind,
        author_account_id: author.accountId,
        author_name: author.name,
        author_relationship: author.relationship,
        text,
        created_at: at,
        ecd_id: ecdId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [position, key] of photoKeys.entries()) {
      const { photo, description } = photos.get(key)!;
      await trx
        .insertInto('board_photos')
        .values({
          tenant_id: board.tenantId,
          client_id: board.clientId,
          post_id: id,
          position,
          description,
          uploaded_by_account_id: author.accountId,
          content_type: photo.contentType,
          thumbnail: photo.thumbnail.data,
          thumbnail_width: photo.thumbnail.width,
          thumbnail_height: photo.thumbnail.height,
          screen: photo.screen.data,
          screen_width: photo.screen.width,
          screen_height: photo.screen.height,
          stored_bytes: photo.thumbnail.data.length + photo.screen.data.length,
          created_at: at,
        })
        .execute();
    }
    return id;
  };
  const reply = (postId: string, author: Author, text: string, at: Date) =>
    trx
      .insertInto('board_replies')
      .values({
        tenant_id: board.tenantId,
        client_id: board.clientId,
        post_id: postId,
        author_kind: author.kind,
        author_account_id: author.accountId,
        author_name: author.name,
        author_relationship: author.relationship,
        text,
        created_at: at,
      })
      .execute();

  const drawing = await post(
    board.client,
    'Mijn kleinzoon heeft deze tekening voor mij gemaakt. Hij hangt nu boven mijn stoel.',
    board.daysAgo(6, 15, 20),
    ['tekening'],
  );
  await reply(drawing, staff, 'Wat een mooie tekening! Die hebben we gisteren ook bewonderd.', board.daysAgo(5, 9, 10));
  const announcement = await post(staff, board.announcement, board.daysAgo(3, 11, 0), ['kerstmarkt'], 'demo-board-kerstmarkt');
  if (board.contact) {
    await reply(announcement, board.contact, 'Leuk! Ik kom zaterdag mee.', board.daysAgo(3, 18, 45));
    const outing = await post(
      board.contact,
      'Vanmiddag samen naar de markt geweest. Mam genoot van het zonnetje en we hebben tulpen gekocht.',
      board.daysAgo(1, 16, 30),
      ['markt', 'bloemen'],
    );
    await reply(outing, board.client, 'Dank je wel lieverd, het was een fijne middag.', board.daysAgo(1, 19, 5));
  } else {
    const tulips = await post(board.client, 'De tulpen van de buren staan prachtig op tafel.', board.daysAgo(1, 16, 30), ['bloemen']);
    await reply(tulips, staff, 'Wat een kleuren! Daar word je vrolijk van.', board.daysAgo(1, 20, 15));
  }
  // The client has looked at the board before the newest posts came.
  if (board.client.accountId) {
    await trx
      .insertInto('board_reads')
      .values({ tenant_id: board.tenantId, client_id: board.clientId, account_id: board.client.accountId, seen_at: board.daysAgo(4) })
      .execute();
  }
}
