// Stories never reach the network: fetches to a registered fake BFF are answered by it, requests
// to Storybook itself pass, and everything else is refused loudly (a failing story, not a hang).
import { fakeFetch, isFakeBackend } from '../fake-api.js';

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

  // Photo uploads (<care-board>) use XMLHttpRequest for their progress: a fake BFF answers those
  // too, after a few progress steps; requests to Storybook itself pass, any other is refused.
  class GuardedXMLHttpRequest extends XMLHttpRequest {
    #fake: { method: string; url: URL } | undefined;
    #status = 0;
    #text = '';
    #headers = new Headers();
    override open(method: string, url: string | URL, async = true, username?: string | null, password?: string | null) {
      const target = new URL(String(url), location.href);
      if (isFakeBackend(target)) {
        this.#fake = { method, url: target };
        return;
      }
      if (target.origin !== location.origin) refuse(target.href);
      super.open(method, url, async, username, password);
    }
    override setRequestHeader(name: string, value: string) {
      if (!this.#fake) super.setRequestHeader(name, value);
    }
    override get status() {
      return this.#fake ? this.#status : super.status;
    }
    override get responseText() {
      return this.#fake ? this.#text : super.responseText;
    }
    override getResponseHeader(name: string) {
      return this.#fake ? this.#headers.get(name) : super.getResponseHeader(name);
    }
    override send(body?: Document | XMLHttpRequestBodyInit | null) {
      const fake = this.#fake;
      if (!fake) return super.send(body);
      const total = body instanceof Blob ? body.size || 1 : 1;
      const step = (loaded: number) => this.upload.dispatchEvent(new ProgressEvent('progress', { lengthComputable: true, loaded, total }));
      setTimeout(() => step(total / 3), 100);
      setTimeout(() => step((total * 2) / 3), 200);
      setTimeout(() => {
        fakeFetch(fake.url, { method: fake.method })
          .then(async (answer) => {
            this.#status = answer!.status;
            this.#headers = answer!.headers;
            this.#text = await answer!.text();
            this.dispatchEvent(new ProgressEvent('load'));
          })
          .catch(() => this.dispatchEvent(new ProgressEvent('error')));
      }, 300);
    }
  }
  globalThis.XMLHttpRequest = GuardedXMLHttpRequest;
}
