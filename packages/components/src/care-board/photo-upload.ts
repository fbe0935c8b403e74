import type { UploadedPhoto } from '@care-widgets/bff/api-types';
import { ApiError, type CareApiClient } from '../shared/api-client.js';

/**
 * Uploads one photo with XMLHttpRequest, the one browser API that reports upload progress; the
 * same headers and credentials as the API client, and its errors as the API client's.
 */
export function sendPhoto(
  client: CareApiClient,
  photo: { key: string; file: File },
  progress: (percent: number) => void,
): Promise<UploadedPhoto> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', client.url('/board/photos'));
    request.withCredentials = true;
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Accept-Language', client.lang);
    request.setRequestHeader('X-Care-Widgets', '1');
    request.setRequestHeader('Idempotency-Key', photo.key);
    request.setRequestHeader('Content-Type', photo.file.type || 'application/octet-stream');
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) progress(Math.min(99, Math.round((event.loaded / event.total) * 100)));
    });
    request.addEventListener('error', () => reject(ApiError.offline()));
    request.addEventListener('load', () => {
      const response = new Response(request.status === 204 ? null : request.responseText, {
        status: request.status,
        headers: {
          'content-type': request.getResponseHeader('content-type') ?? '',
          'retry-after': request.getResponseHeader('retry-after') ?? '',
        },
      });
      if (response.ok) {
        client.onActivity?.();
        response.json().then((body) => resolve(body as UploadedPhoto), reject);
      } else {
        ApiError.fromResponse(response).then(reject, reject);
      }
    });
    request.send(photo.file);
  });
}
