// Debian's Chromium, headless, driven by playwright-core (which downloads no browser of its own).
import { chromium } from 'playwright-core';

// Without the background-networking flags Chromium calls home (updates, sync, field trials): those
// connections are refused on a closed network and would show up as requests the page never made.
const ARGS = [
  '--headless',
  '--no-sandbox', // the tests run as root, where Chromium's sandbox cannot start
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launch(executablePath = '/usr/bin/chromium') {
  return chromium.launch({ executablePath, args: ARGS, timeout: 30_000 });
}

export const VIEWPORTS = [
  { width: 390, height: 844 }, // a phone
  { width: 1280, height: 800 }, // a laptop
];

export const label = (v) => `${v.width}x${v.height}`;
