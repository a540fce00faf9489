// Fails loudly, before any test runs, when no Chromium is there: browser tests are never skipped.
import { chromiumPath, hasChromium } from './chromium.mjs';

if (!hasChromium()) {
  console.error(
    `\nCustos needs a Chromium for its browser tests and bench, and found none at ${chromiumPath}.\n` +
      `Install one (Debian/Ubuntu: apt-get install -y chromium) or point CHROMIUM_PATH at your Chromium or Chrome binary.\n`,
  );
  process.exit(1);
}
