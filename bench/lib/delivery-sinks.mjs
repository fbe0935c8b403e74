// Production mode refuses to start without an SMS gateway and an SMTP relay. For the bench both
// run here on loopback: an HTTP server answering as Spryng's REST API does, and an SMTP server
// that accepts every message. Each records what it received, so a row can count deliveries.
import { createServer } from 'node:http';
import { requireFromBff } from './paths.mjs';

export async function startDeliverySinks() {
  const sms = [];
  const mails = [];
  const http = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      let parsed;
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = {};
      }
      sms.push({ at: performance.now(), path: request.url, reference: parsed.reference, recipients: parsed.recipients, body: parsed.body });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: `bench-${sms.length}` }));
    });
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { SMTPServer } = requireFromBff('smtp-server');
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let size = 0;
      stream.on('data', (chunk) => (size += chunk.length));
      stream.on('end', () => {
        mails.push({ at: performance.now(), size });
        callback();
      });
    },
  });
  await new Promise((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const env = {
    SMS_PROVIDER: 'spryng',
    SMS_API_KEY: 'bench-key',
    SMS_BASE_URL: `http://127.0.0.1:${http.address().port}/v1`,
    SMTP_URL: `smtp://127.0.0.1:${smtp.server.address().port}`,
    MAIL_FROM: 'portaal@bench.invalid',
  };
  return {
    env,
    sms,
    mails,
    async stop() {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await new Promise((resolve) => smtp.close(resolve));
    },
  };
}
