// Stories never reach the network: fetches to a registered fake BFF are answered by it, requests
// to Storybook itself pass, and everything else is refused loudly (a failing story, not a hang).
import { fakeFetch } from '../fake-api.js';

const realFetch = globalThis.fetch.bind(globalThis);
export const blockedRequests: string[] = [];

function refuse(url: string): never {
  blockedRequests.push(url);
  console.error(`[stories] blocked a request that would leave Storybook: ${url}`);
  throw new TypeError(`Stories do not use the network (${url})`);
}

export function installNetworkGuard(): void {
  if ((globalThis as { __careNetworkGuard?: boolean }).__careNetworkGuard) return;
  (globalThis as { __careNetworkGuard?: boolean }).__careNetworkGuard = true;

  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : String(input), location.href);
    const answer = await fakeFetch(url, { method: request?.method, ...init });
    if (answer) return answer;
    if (url.origin === location.origin) return realFetch(input, init);
    return refuse(url.href);
  };

  // Live updates (<care-messages>) stay silent: a stream that opens and never sends anything.
  class SilentEventSource extends EventTarget {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSED = 2;
    readonly url: string;
    readonly withCredentials: boolean;
    readyState = 0;
    onopen: ((event: Event) => void) | null = null;
    onmessage: ((event: MessageEvent) => void) | null = null;
    onerror: ((event: Event) => void) | null = null;
    constructor(url: string | URL, init?: EventSourceInit) {
      super();
      this.url = String(url);
      this.withCredentials = init?.withCredentials ?? false;
      queueMicrotask(() => {
        if (this.readyState === 2) return;
        this.readyState = 1;
        const event = new Event('open');
        this.onopen?.(event);
        this.dispatchEvent(event);
      });
    }
    close() {
      this.readyState = 2;
    }
  }
  globalThis.EventSource = SilentEventSource as unknown as typeof EventSource;
}
