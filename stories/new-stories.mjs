#!/usr/bin/env node
// Writes stories/<tag>.stories.ts for a new widget with every standard state (ready, empty,
// loading, error, offline, session expired, no access, portal unavailable, another tenant, high contrast in
// English). Add the widget's own states (views, dialogs, steps) below the generated ones.
//
//   node stories/new-stories.mjs care-agenda
import { existsSync, writeFileSync } from 'node:fs';

const tag = process.argv[2];
if (!tag || !/^care-[a-z-]+$/.test(tag)) {
  console.error('Usage: node stories/new-stories.mjs care-<widget>');
  process.exit(1);
}
const file = new URL(`./${tag}.stories.ts`, import.meta.url);
if (existsSync(file)) {
  console.error(`${file.pathname} exists already.`);
  process.exit(1);
}
const widgetModule = new URL(`../packages/components/src/${tag}/${tag}.ts`, import.meta.url);
if (!existsSync(widgetModule)) console.warn(`Note: ${widgetModule.pathname} does not exist (yet).`);

writeFileSync(
  file,
  `import type { Meta } from '@storybook/web-components-vite';
import '../packages/components/src/${tag}/${tag}.js';
import { dataWidgetStates, type Story } from './support/stories.js';

const meta: Meta = {
  title: 'Widgets/${tag}',
  component: '${tag}',
};
export default meta;

const states = dataWidgetStates('${tag}');

/** A signed-in client with the example data. */
export const Ready: Story = states.Ready;
/** Nothing to show yet. */
export const Empty: Story = states.Empty;
/** Waiting for the BFF. */
export const Loading: Story = states.Loading;
/** The BFF answered with an error. */
export const LoadError: Story = states.Error;
/** No connection. */
export const Offline: Story = states.Offline;
/** The session ran out: log in again. */
export const SessionExpired: Story = states.SessionExpired;
/** A contact person without the right to this part: the BFF's sentence, calmly. */
export const NoAccess: Story = states.NoAccess;
/** The portal could not load its organisation. */
export const PortalUnavailable: Story = states.PortalUnavailable;
/** Thuiszorg Het Baken, in its theme. */
export const HetBaken: Story = states.HetBaken;
/** High contrast, in English. */
export const HighContrastEnglish: Story = states.HighContrastEnglish;
`,
);
console.log(`Wrote ${file.pathname}: add the widget's own states (views, dialogs) below the generated ones.`);
