// What every stories file shares: a widget inside <care-story-portal> with a fake API, the
// standard states of a data widget, and small play helpers. A new widget's stories file is
// mostly these calls (see README.md, "Stories for a new widget").
import type { Args, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import type { FakeApiOptions } from '../fake-api.js';
import type { PortalState } from '../../packages/components/src/shared/context.js';
import './story-portal.js';

export type Story = StoryObj;

function localeOf(context: StoryContext): 'nl' | 'en' {
  return context.globals['locale'] === 'en' ? 'en' : 'nl';
}

/** A story of `content` inside a portal whose API is a FakeCareApi with `fake`'s answers. */
export function portalStory(
  content: (args: Args) => TemplateResult,
  fake: FakeApiOptions = {},
  extra: Partial<Story> & { portalStatus?: PortalState['status'] } = {},
): Story {
  const { portalStatus = 'ready', ...story } = extra;
  const args = { ...(content as Partial<ElementRender>).args, ...story.args };
  // A story opened from an e-mail link puts the link in the page address, which every other
  // story on a docs page would then also read: such stories live on their own pages only.
  const opensLink = [story.loaders ?? []].flat().some((loader) => linkLoaders.has(loader));
  return {
    render: (args, context) =>
      html`<care-story-portal .fake=${fake} status=${portalStatus} locale=${localeOf(context)}>${content(args)}</care-story-portal>`,
    ...story,
    ...(Object.keys(args).length ? { args } : {}),
    ...(opensLink ? { tags: ['!autodocs', ...(story.tags ?? [])] } : {}),
  };
}

/** The controls a widget's attributes get in the Controls panel (see support/controls.ts). */
const attributeArgs = ['view', 'type', 'expanded', 'unread', 'history', 'lang'];

/** What `element()` returns: the render, with the attributes it was given as the story's args (its controls' first values). */
export type ElementRender = ((args?: Args) => TemplateResult) & { args: Args };

/**
 * `<tag attr="value"></tag>` for a tag known only as a string. The story's args (its controls)
 * set the attributes in `attributeArgs`, over the ones given here; `portalStory` makes the given
 * ones the story's args, so the controls start from them (a boolean attribute's `''` as `true`).
 */
export function element(tag: string, attributes: Record<string, string> = {}): ElementRender {
  const name = unsafeStatic(tag);
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const render = (args: Args = {}) => {
    const all: Record<string, string | undefined> = { ...attributes };
    for (const key of attributeArgs) {
      const value: unknown = args[key];
      if (value === undefined || value === null || value === '') continue;
      if (typeof value === 'boolean') all[key] = value ? '' : undefined;
      else all[key] = String(value);
    }
    const attrs = unsafeStatic(
      Object.entries(all)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => ` ${key}="${escape(value!)}"`)
        .join(''),
    );
    return staticHtml`<${name}${attrs}></${name}>`;
  };
  const args = Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, value === '' ? true : value]));
  return Object.assign(render, { args });
}

/**
 * The states every data widget has (SPEC: loading, empty, error, offline, session expired, no
 * access for a contact person without the right), for a signed-in client. Spread into a stories file as `export const Ready = states.Ready;` …
 */
export function dataWidgetStates(tag: string, fake: FakeApiOptions = {}) {
  const render = element(tag);
  const signedIn: FakeApiOptions = { session: 'active', ...fake };
  return {
    Ready: portalStory(render, signedIn),
    Empty: portalStory(render, { ...signedIn, data: 'empty' }),
    Loading: portalStory(render, { ...signedIn, data: 'loading' }),
    Error: portalStory(render, { ...signedIn, data: 'error' }),
    Offline: portalStory(render, { ...signedIn, data: 'offline' }),
    SessionExpired: portalStory(render, { ...signedIn, data: 'session-expired' }),
    NoAccess: portalStory(render, { ...signedIn, data: 'no-access' }),
    PortalUnavailable: portalStory(render, signedIn, { portalStatus: 'error' }),
    HetBaken: portalStory(render, { ...signedIn, tenant: 'thuiszorg-het-baken' }, { globals: { theme: 'het-baken' } }),
    HighContrastEnglish: portalStory(render, signedIn, { globals: { theme: 'high-contrast', locale: 'en' } }),
  } satisfies Record<string, Story>;
}

/** Waits until `find` returns something (the widget rendered a step after a fake answer). */
export async function until<T>(find: () => T | null | undefined, what: string, timeoutMs = 3000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The loaders made by withQuery, and every address parameter they set. */
const linkLoaders = new Set<unknown>();
const linkParams = new Set<string>();

/** Runs before the story renders: puts `?name=value` in the address, as a link in an e-mail would. */
export function withQuery(params: Record<string, string>) {
  for (const name of Object.keys(params)) linkParams.add(name);
  const loader = async () => {
    const url = new URL(location.href);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    history.replaceState(history.state, '', url);
    return {};
  };
  linkLoaders.add(loader);
  return loader;
}

/**
 * Runs before every story (preview.ts): takes a previous story's e-mail link out of the address,
 * so that "Inloggen" after "Nieuw wachtwoord instellen" shows the sign-in form, not the reset, and
 * a full view a story opened (`?care-reports=all`, which a reload reopens) out too, so that the
 * next story starts at its own `view`.
 */
export async function withoutLinks() {
  const url = new URL(location.href);
  let changed = false;
  for (const name of [...url.searchParams.keys()]) {
    if (!linkParams.has(name) && !name.startsWith('care-')) continue;
    url.searchParams.delete(name);
    changed = true;
  }
  if (changed) history.replaceState(history.state, '', url);
  return {};
}

/** Every element under `root`, through open shadow roots. */
function* deep(root: ParentNode): Generator<Element> {
  for (const element of root.querySelectorAll('*')) {
    yield element;
    if (element.shadowRoot) yield* deep(element.shadowRoot);
  }
}

/** The first button (or link, or `selector`) anywhere inside `root` whose text or label matches. */
export function findDeep(root: ParentNode, name: RegExp, selector = 'button, a, [role="button"], [role="tab"]'): HTMLElement | undefined {
  for (const element of deep(root)) {
    if (!element.matches(selector)) continue;
    const label = element.getAttribute('aria-label') ?? element.textContent ?? '';
    if (name.test(label.trim())) return element as HTMLElement;
  }
  return undefined;
}

/** Clicks the button named `name` once the widget shows it, as a client would. */
export async function clickDeep(root: ParentNode, name: RegExp, selector?: string): Promise<void> {
  const target = await until(() => findDeep(root, name, selector), `a control named ${name}`);
  target.click();
}

/** Types `value` into the field matching `selector` anywhere inside `root`, as a client would (one input event). */
export async function fillDeep(root: ParentNode, selector: string, value: string): Promise<void> {
  const input = await until(() => findDeep(root, /^/, selector) as HTMLInputElement | undefined, `a field ${selector}`);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}
