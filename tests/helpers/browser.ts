/**
 * A headless Chromium for the browser tests that needs nothing but npm: the machine's own
 * `chromium` when one is installed, else the build that @sparticuz/chromium ships inside its npm
 * package (unpacked to the temp folder on first use, about 3 s), run by playwright-core.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium as playwright, type Browser } from 'playwright-core';

/** The machine's Chromium, or null. */
function systemChromium(): string | null {
  try {
    const found = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
    if (found) return found;
  } catch {
    // `which` exits 1 when chromium is not on PATH.
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}

/**
 * Flags that keep a headless Chromium quiet on a machine with no network but loopback, and a
 * language: under a C locale the packaged build reports "en-US@posix", which Intl refuses.
 */
const QUIET = ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--lang=en-US'];
const ENV = { ...process.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en_US' };

export async function launchBrowser(): Promise<{ browser: Browser; from: string }> {
  const system = systemChromium();
  if (system) {
    const browser = await playwright.launch({ executablePath: system, args: ['--headless', '--no-sandbox', '--disable-gpu', ...QUIET], env: ENV });
    return { browser, from: system };
  }
  const { default: packaged } = await import('@sparticuz/chromium');
  const executablePath = await packaged.executablePath();
  // Its flags are made for one page per process (serverless): with --single-process the browser
  // ends when a test closes its page.
  const args = packaged.args.filter((flag) => flag !== '--single-process');
  const browser = await playwright.launch({ executablePath, args: [...args, ...QUIET], env: ENV, headless: true });
  return { browser, from: `@sparticuz/chromium (${executablePath})` };
}
