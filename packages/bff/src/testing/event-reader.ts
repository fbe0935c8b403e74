import type { MessageView } from '../messages/queries.js';

export interface ServerEvent {
  event?: string;
  id?: string;
  data?: string;
  retry?: string;
  comment?: string;
}

/** Reads an event stream response event by event (tests of the live message stream). */
export class EventReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #buffer = '';
  readonly #ready: ServerEvent[] = [];

  constructor(readonly response: Response) {
    this.#reader = response.body!.getReader();
  }

  /** The next event (or retry/comment block) matching `match`, skipping others; fails after `ms`. */
  async next(match: (e: ServerEvent) => boolean = () => true, ms = 3000): Promise<ServerEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const index = this.#ready.findIndex(match);
      if (index >= 0) return this.#ready.splice(index, 1)[0]!;
      this.#ready.length = 0;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no matching event in time');
      const chunk = await Promise.race([
        this.#reader.read(),
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), left)),
      ]);
      if (chunk === 'timeout') throw new Error('no matching event in time');
      if (chunk.done) throw new Error('stream ended');
      this.#buffer += this.#decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = this.#buffer.indexOf('\n\n')) >= 0) {
        const block = this.#buffer.slice(0, end);
        this.#buffer = this.#buffer.slice(end + 2);
        const event: ServerEvent = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) event.comment = line.slice(1).trim();
          else {
            const colon = line.indexOf(':');
            const field = line.slice(0, colon) as keyof ServerEvent;
            const value = line.slice(colon + 1).replace(/^ /, '');
            event[field] = field === 'data' && event.data !== undefined ? `${event.data}\n${value}` : value;
          }
        }
        this.#ready.push(event);
      }
    }
  }

  async message(ms?: number): Promise<MessageView & { eventId: string }> {
    const event = await this.next((e) => e.event === 'message', ms);
    return { ...(JSON.parse(event.data!) as MessageView), eventId: event.id! };
  }

  async unread(ms?: number): Promise<number> {
    return (JSON.parse((await this.next((e) => e.event === 'unread', ms)).data!) as { unreadCount: number }).unreadCount;
  }

  /** Reads until the server closes the stream. */
  async ended(ms = 3000): Promise<boolean> {
    const deadline = Date.now() + ms;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      const chunk = await Promise.race([
        this.#reader.read(),
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), left)),
      ]);
      if (chunk === 'timeout') return false;
      if (chunk.done) return true;
    }
  }

  async close() {
    await this.#reader.cancel().catch(() => {});
  }
}
