#!/usr/bin/env node
// Runs axe-core on every story of the built Storybook (storybook-static/) in Chromium, in every
// tenant theme, and requires zero violations. Also checks that the stories never leave the page's
// own server and that every element in custom-elements.json has a stories file.
//
//   node a11y/run-axe.mjs            after `storybook build -o storybook-static`
//   CARE_TEST_RESULTS=file.json      writes { passed, failed, skipped } for scripts/test-all.mjs
//   CARE_A11Y_THEMES=base            only these themes (comma-separated); default all four
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';

const here = new URL('..', import.meta.url).pathname;
const staticDir = resolve(here, 'storybook-static');
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const themes = (process.env.CARE_A11Y_THEMES ?? 'base,de-linde,het-baken,high-contrast').split(',').filter(Boolean);
// WCAG 2.2 level A and AA: what the widgets promise (SPEC). Page-level best practices such as
// "content in landmarks" are the host page's business, not a widget's.
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

if (!existsSync(join(staticDir, 'index.json'))) {
  console.error(`No built Storybook in ${staticDir}: run "storybook build -o storybook-static" first.`);
  process.exit(1);
}

const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  let file = resolve(staticDir, `.${path}`);
  if (file !== staticDir && !file.startsWith(staticDir + sep)) return void res.writeHead(404).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const index = JSON.parse(readFileSync(join(staticDir, 'index.json'), 'utf8'));
// CARE_A11Y_ONLY=widgets-care-board checks only the stories whose id starts so (while working on one widget).
const only = process.env.CARE_A11Y_ONLY ?? '';
const allStories = Object.values(index.entries).filter((entry) => entry.type === 'story');
const stories = allStories.filter((entry) => entry.id.startsWith(only));

const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
function record(name, problems) {
  if (problems.length === 0) results.passed += 1;
  else {
    results.failed += 1;
    failures.push({ name, problems });
  }
}

// Every element has stories: a widget added without them fails here, naming the file to write.
const manifestPath = resolve(here, '../packages/components/custom-elements.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const tags = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => d.tagName));
for (const tag of tags) {
  const file = `${tag}.stories.ts`;
  const covered = allStories.some((story) => story.importPath === `./${file}`);
  record(`stories for <${tag}>`, covered ? [] : [`no stories: add stories/${file} (node stories/new-stories.mjs ${tag})`]);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
/** Checks every story in one theme, in a page of its own. */
async function checkTheme(theme) {
  const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
  let blocked = [];
  let pageErrors = [];
  let loaded = false;
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /blocked a request/.test(message.text())) blocked.push(message.text());
  });

  for (const story of stories) {
    const name = `${story.id} [${theme}]`;
    const storyStarted = Date.now();
    blocked = [];
    pageErrors = [];
    const problems = [];
    try {
      // The first story loads the preview; the others switch stories through Storybook's channel,
      // which skips reloading the preview. A story that sets its own theme (globals) keeps it.
      if (!loaded) {
        await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story&globals=theme:${theme}`, {
          waitUntil: 'load',
        });
        loaded = true;
      } else {
        await page.evaluate((storyId) => {
          globalThis.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId, viewMode: 'story' });
        }, story.id);
      }
      const phase = await page
        .waitForFunction(
          (storyId) => {
            const render = globalThis.__STORYBOOK_PREVIEW__?.currentRender;
            if (render?.id !== storyId && render?.story?.id !== storyId) return false;
            return ['completed', 'finished', 'errored', 'aborted'].includes(render.phase) ? render.phase : false;
          },
          story.id,
          { timeout: 15_000, polling: 20 },
        )
        .then((handle) => handle.jsonValue());
      if (phase === 'errored' || phase === 'aborted') {
        const text = await page
          .locator('#error-message, #error-stack')
          .allInnerTexts()
          .catch(() => []);
        problems.push(`story ${phase}: ${text.join(' ').slice(0, 500)}`);
        loaded = false; // start the next story from a fresh page
      }
      // A control the Controls panel can only show as a "Set object" button is of no use.
      const objectControls = await page.evaluate(() =>
        Object.entries(globalThis.__STORYBOOK_PREVIEW__?.currentRender?.story?.argTypes ?? {})
          .filter(
            ([, argType]) =>
              argType.control && argType.control !== false && (argType.control === 'object' || argType.control.type === 'object'),
          )
          .map(([name]) => name),
      );
      if (theme === themes[0]) for (const control of objectControls) problems.push(`control "${control}" is a "Set object" button`);
      // Every control starts from what the element shows: its default from the manifest, or the
      // story's own value, never empty; in a story without a play function (which may change the
      // element), the element's value itself.
      const wrongControls = await page.evaluate(() => {
        const story = globalThis.__STORYBOOK_PREVIEW__?.currentRender?.story;
        if (!story) return [];
        const args = story.initialArgs ?? {};
        const element = story.component ? document.querySelector(`#storybook-root ${story.component}`) : null;
        const wrong = [];
        for (const [name, argType] of Object.entries(story.argTypes ?? {})) {
          if (!argType.control || name === 'lang') continue;
          const summary = argType.table?.defaultValue?.summary;
          const hasDefault = summary !== undefined && summary !== 'undefined';
          if (args[name] === undefined && hasDefault) wrong.push(`${name} (default ${summary}) is empty`);
          // Where the element has no default (`type`: the first one), it may fill in its own value.
          const shown = element?.[name];
          const compare = !story.playFunction && element && (args[name] !== undefined || hasDefault);
          if (compare && (typeof shown === 'string' || typeof shown === 'boolean') && args[name] !== shown) {
            wrong.push(`${name} shows ${JSON.stringify(args[name])}, the element ${JSON.stringify(shown)}`);
          }
        }
        return wrong;
      });
      if (theme === themes[0]) for (const control of wrongControls) problems.push(`control ${control}`);
      // Let Lit finish the updates the last answer caused.
      await page.evaluate(async () => {
        for (let i = 0; i < 3; i++) {
          const pending = [...document.querySelectorAll('*')].map((e) => e.updateComplete).filter(Boolean);
          await Promise.all(pending);
          await new Promise((r) => requestAnimationFrame(() => r(undefined)));
        }
      });
      if (!(await page.evaluate(() => typeof globalThis.axe === 'object'))) await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async (runOnly) => {
        const result = await globalThis.axe.run(
          { include: [['#storybook-root']] },
          { runOnly: { type: 'tag', values: runOnly }, resultTypes: ['violations'] },
        );
        return result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`),
        }));
      }, axeTags);
      for (const v of violations) problems.push(`${v.id} (${v.impact}): ${v.help}\n        ${v.nodes.join('\n        ')}`);
    } catch (error) {
      problems.push(`could not check: ${error.message.split('\n')[0]}`);
      loaded = false;
    }
    for (const url of blocked) problems.push(`tried the network: ${url}`);
    for (const message of pageErrors) problems.push(`page error: ${message}`);
    record(name, problems);
    if (process.env.CARE_A11Y_VERBOSE) console.log(name, Date.now() - storyStarted, 'ms');
    else process.stdout.write(problems.length ? 'F' : '.');
  }
  await page.close();
}

// One page per theme, a few at a time (CI has two cores).
const parallel = Number(process.env.CARE_A11Y_PARALLEL ?? 2);
const started = Date.now();
const queue = [...themes];
await Promise.all(
  Array.from({ length: Math.min(parallel, queue.length) }, async () => {
    while (queue.length) await checkTheme(queue.shift());
  }),
);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write('\n');

// The care-login docs page previews the first step, signing in, whatever its other stories put
// in the page address (the e-mail-link stories live on their own pages).
{
  const docsPage = await browser.newPage();
  let step;
  try {
    await docsPage.goto(`${origin}/iframe.html?id=widgets-care-login--documentatie&viewMode=docs`, { waitUntil: 'load' });
    const handle = await docsPage.waitForFunction(
      () => document.querySelector('care-login form[data-step]')?.getAttribute('data-step'),
      undefined,
      { timeout: 15_000, polling: 50 },
    );
    step = await handle.jsonValue();
  } catch (error) {
    step = `nothing (${error.message.split('\n')[0]})`;
  }
  await docsPage.close();
  record('care-login docs page previews signing in', step === 'login' ? [] : [`the first preview shows the step ${step}`]);
}

await browser.close();
server.close();

for (const failure of failures) console.log(`\n✘ ${failure.name}\n    ${failure.problems.join('\n    ')}`);
console.log(
  `\naxe (${axeTags.join(', ')}): ${stories.length} stories × ${themes.length} themes in ${seconds} s; ` +
    `${results.passed} passed, ${results.failed} failed (incl. ${tags.length} stories-file checks)`,
);
if (process.env.CARE_TEST_RESULTS) writeFileSync(process.env.CARE_TEST_RESULTS, JSON.stringify(results));
process.exit(results.failed ? 1 : 0);
