// Before any test or bench runs: find a Chromium, or install the distribution's one where this
// machine allows it; otherwise stop loudly. Browser tests are never skipped.
import { ensureChromium } from './chromium.mjs';

if (!ensureChromium()) process.exit(1);
