// The README's screenshots of the default theme, from the default site as built:
//
//     cargo run -- build && node tests/browser/screenshots.mjs
//
// writes docs/screenshots/landing-{phone,desktop}-{light,dark}.png and overflow-phone-light.png.
// The pages are opened from output/public/ as files: these are pictures, the
// browser tests (cargo test --test browser) are what check the pages as served.

import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, VIEWPORTS } from './chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pages = join(root, 'output/public/_planb');
const out = join(root, 'docs/screenshots');
const [phone, desktop] = VIEWPORTS;
const SHOTS = [
  ['landing', 'phone', phone, ['light', 'dark']],
  ['landing', 'desktop', desktop, ['light', 'dark']],
  ['overflow', 'phone', phone, ['light']],
];

// The overflow page's countdown is random: the same draw each time keeps the pictures stable.
const STEADY = () => { Math.random = () => 0.5; };

if (!existsSync(join(pages, 'landing.html'))) {
  console.error(`screenshots.mjs: ${pages}/landing.html is missing: run \`cargo run -- build\` first`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });
const browser = await launch();
try {
  for (const [page, device, viewport, schemes] of SHOTS) {
    for (const colorScheme of schemes) {
      const context = await browser.newContext({ viewport, colorScheme });
      await context.addInitScript(STEADY);
      const tab = await context.newPage();
      await tab.goto(pathToFileURL(join(pages, `${page}.html`)).href, { waitUntil: 'load' });
      const path = join(out, `${page}-${device}-${colorScheme}.png`);
      await tab.screenshot({ path });
      console.log(path);
      await context.close();
    }
  }
} finally {
  await browser.close();
}
