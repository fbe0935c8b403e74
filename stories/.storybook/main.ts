import type { StorybookConfig } from '@storybook/web-components-vite';

// Telemetry off and nothing downloaded: the build runs offline in CI (scripts/test-all.mjs).
process.env['STORYBOOK_DISABLE_TELEMETRY'] = '1';

const config: StorybookConfig = {
  stories: ['../*.mdx', '../*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
    enableCrashReports: false,
  },
  docs: { defaultName: 'Documentatie' },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(viteConfig, {
      // The stories import the components' sources from the workspace.
      server: { fs: { allow: ['..'] } },
      build: { chunkSizeWarningLimit: 2000, sourcemap: false },
    });
  },
};

export default config;
