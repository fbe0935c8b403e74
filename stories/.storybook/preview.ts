import { setCustomElementsManifest } from '@storybook/web-components-vite';
import type { Decorator, Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import baseTheme from '../../packages/themes/dist/base.css?inline';
import deLindeTheme from '../../packages/themes/dist/de-linde.css?inline';
import hetBakenTheme from '../../packages/themes/dist/het-baken.css?inline';
import highContrastTheme from '../../packages/themes/dist/high-contrast.css?inline';
import { serveThemesFrom } from '../fake-api.js';
import { initialArgs, usableControls } from '../support/controls.js';
import { installNetworkGuard } from '../support/network-guard.js';
import { withoutLinks } from '../support/stories.js';
import './preview.css';

// The manifest is generated (`pnpm run prepare-data`), so the typecheck of a fresh checkout must not need it.
const [manifest] = Object.values(import.meta.glob('../../packages/components/custom-elements.json', { eager: true, import: 'default' }));
if (!manifest)
  throw new Error('packages/components/custom-elements.json is missing: run `pnpm --filter @care-widgets/stories run prepare-data`.');

installNetworkGuard();
setCustomElementsManifest(manifest);

const themes: Record<string, string> = {
  base: baseTheme,
  'de-linde': deLindeTheme,
  'het-baken': hetBakenTheme,
  'high-contrast': highContrastTheme,
};
serveThemesFrom((name) => themes[name]);

/** The chosen theme, as the tenant's stylesheet from the BFF would set it on the page. */
function applyTheme(name: string): void {
  let style = document.getElementById('care-story-theme');
  if (!style) {
    style = document.createElement('style');
    style.id = 'care-story-theme';
    document.head.append(style);
  }
  const css = themes[name] ?? themes['base']!;
  if (style.textContent !== css) style.textContent = css;
}

const withThemeAndLocale: Decorator = (story, context) => {
  applyTheme(String(context.globals['theme'] ?? 'base'));
  const locale = context.globals['locale'] === 'en' ? 'en' : 'nl';
  return html`<div class="care-story" lang=${locale}>${story()}</div>`;
};

const preview: Preview = {
  decorators: [withThemeAndLocale],
  loaders: [withoutLinks],
  argTypesEnhancers: [usableControls],
  argsEnhancers: [initialArgs],
  globalTypes: {
    theme: {
      description: 'Thema van de organisatie',
      toolbar: {
        title: 'Thema',
        icon: 'paintbrush',
        items: [
          { value: 'base', title: 'Basis' },
          { value: 'de-linde', title: 'Zorggroep De Linde' },
          { value: 'het-baken', title: 'Thuiszorg Het Baken' },
          { value: 'high-contrast', title: 'Hoog contrast' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Taal',
      toolbar: {
        title: 'Taal',
        icon: 'globe',
        items: [
          { value: 'nl', title: 'Nederlands', right: 'nl' },
          { value: 'en', title: 'English', right: 'en' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'base', locale: 'nl' },
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    a11y: {
      // The panel shows violations; the test (a11y/run-axe.mjs) fails on them.
      test: 'error',
      options: { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } },
    },
  },
  tags: ['autodocs'],
};

export default preview;
