/** What the demo BFF "sent", as GET /dev/outbox lists it (newest first). */
export interface OutboxMessage {
  id: string;
  channel: string;
  subject: string | null;
  body: string;
}

export async function outboxMessages(serverUrl: string, recipient: string, limit?: number): Promise<OutboxMessage[]> {
  const query = new URLSearchParams({ recipient, ...(limit ? { limit: String(limit) } : {}) });
  const response = await fetch(`${serverUrl}/dev/outbox?${query}`);
  return (await response.json()) as OutboxMessage[];
}

/**
 * Waits up to 10 s for the newest message to `recipient` that matches `pattern` and is not
 * `afterId`; returns its id and the pattern's first group.
 */
export async function waitForCode(
  serverUrl: string,
  recipient: string,
  pattern: RegExp,
  afterId: string | null = null,
): Promise<{ id: string; code: string }> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const [message] = await outboxMessages(serverUrl, recipient, 1);
    const match = message && message.id !== afterId ? pattern.exec(message.body) : null;
    if (match) return { id: message!.id, code: match[1]! };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No message matching ${pattern} for ${recipient} in the dev outbox`);
}

/** The newest login code for a phone number, as the client reads it in the SMS: "1234-567890". */
export const LOGIN_CODE = /Uw inlogcode is (\d{4}-\d{6})/;
