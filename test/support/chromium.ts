/**
 * @module The one way browser tests start headless Chromium: Debian's `chromium` (apt-get install -y
 * chromium), driven by playwright-core, without a sandbox, GPU or background traffic. Tests that
 * cannot run without it check `hasChromium()` and skip with that reason.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Debian installs Chromium. */
export const CHROMIUM = '/usr/bin/chromium';

/** Whether {@link CHROMIUM} is installed. */
export const hasChromium = (): boolean => existsSync(CHROMIUM);

/** The flags every browser test launches with. */
const BASE_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** Launch headless {@link CHROMIUM} with the base flags followed by `extraArgs`. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...BASE_ARGS, ...extraArgs] });
}
