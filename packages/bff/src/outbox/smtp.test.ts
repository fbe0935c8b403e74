import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from './sms-providers.js';
import { createSmtpTransport } from './smtp.js';

/** A relay's own certificate for 127.0.0.1, as an organisation's internal CA would sign it. */
let certificate: { key: string; cert: string };
const dir = mkdtempSync(join(tmpdir(), 'care-smtp-'));
beforeAll(() => {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  certificate = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function relay(options: SMTPServerOptions) {
  const received: { secure: boolean }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    ...options,
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        received.push({ secure: session.secure });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const mail = { to: 'c.jansen@example.nl', fromName: 'Zorgcentrum De Berken', replyTo: null, subject: 'Bericht', text: 'Tekst' };

describe('SMTP with STARTTLS', () => {
  it('upgrades an smtp:// connection with STARTTLS, trusting the relay through SMTP_CA_FILE', async () => {
    const server = await relay({ key: certificate.key, cert: certificate.cert });
    try {
      const transport = createSmtpTransport({
        url: `smtp://127.0.0.1:${server.port}`,
        from: 'portaal@berken.example',
        requireTls: true,
        ca: certificate.cert,
      });
      await transport.send(mail);
      transport.close();
      expect(server.received).toEqual([{ secure: true }]);
    } finally {
      await server.close();
    }
  });

  it('refuses a relay that offers no STARTTLS when TLS is required, and one whose certificate it cannot trust', async () => {
    const plain = await relay({ disabledCommands: ['STARTTLS'] });
    const untrusted = await relay({ key: certificate.key, cert: certificate.cert });
    try {
      const noTls = await createSmtpTransport({ url: `smtp://127.0.0.1:${plain.port}`, from: 'portaal@berken.example', requireTls: true })
        .send(mail)
        .catch((e: unknown) => e);
      expect(noTls).toBeInstanceOf(DeliveryError);
      expect((noTls as DeliveryError).permanent).toBe(false);
      const unknownCa = await createSmtpTransport({
        url: `smtp://127.0.0.1:${untrusted.port}`,
        from: 'portaal@berken.example',
        requireTls: true,
      })
        .send(mail)
        .catch((e: unknown) => e);
      expect(unknownCa).toBeInstanceOf(DeliveryError);
      expect(plain.received).toEqual([]);
      expect(untrusted.received).toEqual([]);
    } finally {
      await plain.close();
      await untrusted.close();
    }
  });
});

describe('SMTP answers', () => {
  it('a mailbox the relay refuses (550) is permanent: retrying cannot help', async () => {
    const server = await relay({
      disabledCommands: ['STARTTLS'],
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('5.1.1 Mailbox does not exist'), { responseCode: 550 }));
      },
    });
    try {
      const refused = await createSmtpTransport({ url: `smtp://127.0.0.1:${server.port}`, from: 'portaal@berken.example' })
        .send(mail)
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({ permanent: true, status: 550 });
    } finally {
      await server.close();
    }
  });
});
