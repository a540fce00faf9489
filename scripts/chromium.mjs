// Where the tests and the bench find a Chromium, and how they set one up on a fresh machine.
// The finder and the installer take their world (environment, file checks, a command runner)
// as arguments, so that their order and their messages are tested in Node without a browser.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The distribution's Chromium, then Google Chrome and Chromium where Linux and macOS put them. */
export const systemCandidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Browsers Playwright has installed before (its cache on Linux and macOS, or PLAYWRIGHT_BROWSERS_PATH). */
export function playwrightCandidates({ env = process.env, home = homedir(), list = safeList } = {}) {
  const roots = [env.PLAYWRIGHT_BROWSERS_PATH, join(home, '.cache', 'ms-playwright'), join(home, 'Library', 'Caches', 'ms-playwright')]
    .filter((root) => root && root !== '0');
  const found = [];
  for (const root of roots) {
    // Newest revision first: chromium-1200 before chromium-1100.
    const builds = list(root).filter((name) => /^chromium-\d+$/.test(name)).sort((a, b) => Number(b.slice(9)) - Number(a.slice(9)));
    for (const build of builds) {
      found.push(
        join(root, build, 'chrome-linux64', 'chrome'),
        join(root, build, 'chrome-linux', 'chrome'),
        join(root, build, 'chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'),
        join(root, build, 'chrome-mac-arm64', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'),
      );
    }
  }
  return found;
}

function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * The first browser found, in order: CHROMIUM_PATH, the distribution's Chromium, Google Chrome and
 * Chromium in their usual places, a browser Playwright installed. `tried` lists every path looked at.
 */
export function findChromium({ env = process.env, exists = existsSync, home = homedir(), list = safeList } = {}) {
  const tried = [];
  const wanted = env.CHROMIUM_PATH;
  const candidates = [...(wanted ? [wanted] : []), ...systemCandidates, ...playwrightCandidates({ env, home, list })];
  for (const path of candidates) {
    if (tried.includes(path)) continue;
    tried.push(path);
    if (exists(path)) return { path, tried, ignoredWanted: wanted && path !== wanted ? wanted : undefined };
  }
  return { path: undefined, tried, ignoredWanted: undefined };
}

/** The message printed when no browser can be found nor installed; it names every path tried. */
export function missingMessage(tried, reason) {
  return (
    `\nCustos needs a Chromium for its browser tests and bench, and found none.\n` +
    `Looked at:\n${tried.map((path) => `  ${path}`).join('\n')}\n` +
    (reason ? `${reason}\n` : '') +
    `Install one (Debian/Ubuntu: apt-get install -y chromium) or point CHROMIUM_PATH at your Chromium or Chrome binary.\n`
  );
}

/** Debian, Ubuntu and their derivatives, from /etc/os-release's ID and ID_LIKE. */
export function isDebianLike(osRelease) {
  const field = (name) => (osRelease.match(new RegExp(`^${name}=("?)([^"\\n]*)\\1$`, 'm'))?.[2] ?? '').toLowerCase();
  return [field('ID'), ...field('ID_LIKE').split(/\s+/)].some((id) => id === 'debian' || id === 'ubuntu');
}

/**
 * How this machine can install a distribution package: as root directly, with passwordless sudo
 * through `sudo -n`, or not at all (the reason says why).
 */
export function installerPrefix({ osRelease, uid, run }) {
  if (!osRelease || !isDebianLike(osRelease)) return { prefix: undefined, reason: 'This is not a Debian or Ubuntu machine, so Custos cannot install a browser itself.' };
  if (uid === 0) return { prefix: [] };
  if (run('sudo', ['-n', 'true'], { quiet: true }) === 0) return { prefix: ['sudo', '-n'] };
  return { prefix: undefined, reason: 'Installing a browser needs root or passwordless sudo, and this user has neither.' };
}

/** Runs apt-get under the prefix; true when every step succeeded. */
function aptInstall(prefix, packages, run) {
  const cmd = (args) => (prefix.length ? [prefix[0], [...prefix.slice(1), ...args]] : [args[0], args.slice(1)]);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const [u, uArgs] = cmd(['apt-get', 'update', '-qq']);
  if (run(u, uArgs, { env }) !== 0) return false;
  const [i, iArgs] = cmd(['apt-get', 'install', '-y', '-qq', ...packages]);
  return run(i, iArgs, { env }) === 0;
}

/** True when fontconfig knows a font that covers Chinese (or when it cannot be asked, undefined). */
export function hasCjkFont({ capture }) {
  const out = capture('fc-list', [':lang=zh', 'family']);
  if (out === undefined) return undefined;
  return out.trim().length > 0;
}

/**
 * Makes sure a browser (and a CJK font for readable screenshots) is there, installing the
 * distribution's packages when it can. Returns the browser's path, or undefined after printing why not.
 */
export function ensureChromium(world = realWorld()) {
  const { log, error, run } = world;
  let found = findChromium(world);
  if (found.ignoredWanted) log(`CHROMIUM_PATH=${found.ignoredWanted} does not exist; using ${found.path} instead.`);
  const needsFont = hasCjkFont(world) === false;
  if (found.path && !needsFont) return found.path;
  const how = installerPrefix(world);
  if (!found.path && !how.prefix) {
    error(missingMessage(found.tried, how.reason));
    return undefined;
  }
  if (needsFont && !how.prefix) log(`No Chinese font found (fonts-noto-cjk): Chinese will render as boxes in screenshots. ${how.reason}`);
  if (!how.prefix) return found.path;
  // One apt-get run for both, as `playwright install --with-deps` does.
  const packages = [...(found.path ? [] : ['chromium']), ...(needsFont ? ['fonts-noto-cjk'] : [])];
  if (!found.path) log(`No Chromium found: installing the distribution's chromium package (apt-get install chromium) for the browser tests.`);
  if (needsFont) log(`No Chinese font found: installing fonts-noto-cjk so that screenshots of the Chinese screens are readable.`);
  const ok = aptInstall(how.prefix, packages, run);
  if (found.path) {
    if (!ok) log('Installing fonts-noto-cjk did not succeed: Chinese will render as boxes in screenshots.');
    return found.path;
  }
  found = findChromium(world);
  if (!ok || !found.path) {
    error(missingMessage(found.tried, "Installing the chromium package did not succeed (see apt-get's output above)."));
    return undefined;
  }
  log(`Installed ${found.path}.`);
  return found.path;
}

/** This machine: the real environment, file system and commands. */
export function realWorld() {
  let osRelease;
  try {
    osRelease = readFileSync('/etc/os-release', 'utf8');
  } catch {
    osRelease = undefined;
  }
  return {
    env: process.env,
    exists: existsSync,
    home: homedir(),
    list: safeList,
    osRelease,
    uid: typeof process.getuid === 'function' ? process.getuid() : undefined,
    log: (line) => console.log(line),
    error: (text) => console.error(text),
    run: (cmd, args, { env, quiet } = {}) => {
      const done = spawnSync(cmd, args, { stdio: quiet ? 'ignore' : 'inherit', env: { ...process.env, ...env } });
      return done.error ? -1 : done.status;
    },
    capture: (cmd, args) => {
      const done = spawnSync(cmd, args, { encoding: 'utf8' });
      return done.error || done.status !== 0 ? undefined : done.stdout;
    },
  };
}

/** The browser the test configs and the bench launch (resolved when they load, after ensureChromium ran). */
export const chromiumPath = findChromium().path ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
