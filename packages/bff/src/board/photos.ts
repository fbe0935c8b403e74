import sharp from 'sharp';
import { Problem } from '../http/problem.js';

/** Longest side of the two stored versions, in pixels. */
export const SCREEN_SIZE = 1600;
export const THUMBNAIL_SIZE = 480;
/** A photo of more pixels than this is refused before it is decoded (a 50 MP phone photo fits; a "pixel bomb" does not). */
const MAX_INPUT_PIXELS = 60_000_000;
/** Photos decoded at once in this process: each holds its decoded pixels (up to ~180 MB) while it is encoded. */
const PARALLEL_DECODES = 2;

export interface ProcessedPhoto {
  contentType: 'image/jpeg';
  screen: { data: Buffer; width: number; height: number };
  thumbnail: { data: Buffer; width: number; height: number };
}

const unsupported = () =>
  new Problem(
    415,
    'unsupported-photo',
    { nl: 'Geen foto', en: 'Not a photo' },
    {
      nl: 'Dit bestand is geen foto die het portaal kan tonen. Kies een foto in JPEG, PNG of WebP (of HEIF).',
      en: 'This file is not a photo the portal can show. Choose a photo in JPEG, PNG or WebP (or HEIF).',
    },
  );

const iphoneHeic = () =>
  new Problem(
    415,
    'unsupported-photo',
    { nl: 'iPhone-foto (HEIC) niet mogelijk', en: 'iPhone photo (HEIC) not possible' },
    {
      nl: 'Deze iPhone-foto (HEIC) kan het portaal niet lezen. Kies de foto als JPEG, of zet op de iPhone bij Instellingen > Camera > Formaten "Meest compatibel" aan.',
      en: 'The portal cannot read this iPhone photo (HEIC). Choose the photo as JPEG, or on the iPhone turn on "Most Compatible" under Settings > Camera > Formats.',
    },
    { format: 'heic' },
  );

const unreadable = () =>
  new Problem(
    422,
    'unreadable-photo',
    { nl: 'Foto beschadigd', en: 'Photo damaged' },
    {
      nl: 'Deze foto is beschadigd of niet helemaal verstuurd en kan niet worden gelezen. Probeer het opnieuw of kies een andere foto.',
      en: 'This photo is damaged or was not sent completely and cannot be read. Try again or choose another photo.',
    },
  );

let running = 0;
const queue: (() => void)[] = [];

async function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL_DECODES) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    queue.shift()?.();
  }
}

/**
 * Decodes an uploaded photo and encodes it again with sharp (libvips): a screen-size and a
 * thumbnail JPEG, turned as the EXIF orientation says, on white where it was transparent, and
 * without any metadata (EXIF, GPS location, XMP, ICC comments): nothing of the original file is
 * kept. Only JPEG, PNG, WebP and the HEIF variant its decoder reads (AVIF-coded) are taken; the
 * iPhone's HEVC-coded HEIC is refused with a message that says what to do instead.
 */
export async function processPhoto(bytes: Uint8Array): Promise<ProcessedPhoto> {
  return oneAtATime(async () => {
    const options = { failOn: 'truncated', limitInputPixels: MAX_INPUT_PIXELS } as const;
    let format: string | undefined;
    let compression: string | undefined;
    try {
      ({ format, compression } = await sharp(bytes, options).metadata());
    } catch {
      throw unsupported();
    }
    if (format === 'heif' && compression === 'hevc') throw iphoneHeic();
    if (!format || !['jpeg', 'png', 'webp', 'heif'].includes(format)) throw unsupported();
    try {
      const screen = await sharp(bytes, options)
        .rotate()
        .flatten({ background: '#ffffff' })
        .resize(SCREEN_SIZE, SCREEN_SIZE, { fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 82 })
        .toBuffer({ resolveWithObject: true });
      const thumbnail = await sharp(screen.data)
        .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 78 })
        .toBuffer({ resolveWithObject: true });
      return {
        contentType: 'image/jpeg',
        screen: { data: screen.data, width: screen.info.width, height: screen.info.height },
        thumbnail: { data: thumbnail.data, width: thumbnail.info.width, height: thumbnail.info.height },
      };
    } catch (error) {
      if (error instanceof Error && /pixel limit/i.test(error.message)) {
        throw new Problem(
          413,
          'too-large',
          { nl: 'Foto te groot', en: 'Photo too large' },
          { nl: 'Deze foto heeft te veel pixels. Kies een kleinere foto.', en: 'This photo has too many pixels. Choose a smaller photo.' },
        );
      }
      if (format === 'heif') throw unsupported();
      throw unreadable();
    }
  });
}
