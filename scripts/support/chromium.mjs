/**
 * @module Debian's Chromium for the scripts that drive a page (screenshots, the portal benchmark):
 * headless, as root (`--no-sandbox`), and with nothing of its own reaching out (no background
 * networking, component updates or sync: this machine reaches no outside host).
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Launches it; exits with the install hint when it is missing. */
export function launchChromium() {
  if (!existsSync(CHROMIUM)) {
    console.error(`${CHROMIUM} not found: apt-get install -y chromium`);
    process.exit(1);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
