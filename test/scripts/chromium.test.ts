// The browser finder's order and the installer's choices, on stubbed machines: a fresh Debian box
// as root, one with sudo, one without, a Mac with Chrome, a Playwright cache, and nothing at all.
import { describe, expect, it } from 'vitest';
import { ensureChromium, findChromium, installerPrefix, isDebianLike, missingMessage, type World } from '../../scripts/chromium.mjs';

const debian = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const ubuntu = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const mint = 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n';
const fedora = 'NAME="Fedora Linux"\nID=fedora\n';

/** A stubbed machine: `files` exist; apt-get installing `chromium` makes /usr/bin/chromium appear. */
function machine(over: Partial<World> & { files?: string[]; dirs?: Record<string, string[]>; aptWorks?: boolean; sudo?: boolean; fonts?: string | undefined } = {}) {
  const files = new Set(over.files ?? []);
  const calls: string[] = [];
  const logs: string[] = [];
  const errors: string[] = [];
  const world: World = {
    env: over.env ?? {},
    home: '/home/u',
    exists: (p) => files.has(p),
    list: (dir) => over.dirs?.[dir] ?? [],
    osRelease: over.osRelease,
    uid: over.uid,
    log: (l) => logs.push(l),
    error: (t) => errors.push(t),
    run: (cmd, args) => {
      calls.push([cmd, ...args].join(' '));
      if (cmd === 'sudo' && args.join(' ') === '-n true') return over.sudo ? 0 : 1;
      if (over.aptWorks === false && args.includes('install')) return 100;
      if (args.includes('install') && args.includes('chromium')) files.add('/usr/bin/chromium');
      return 0;
    },
    capture: () => ('fonts' in over ? over.fonts : 'Noto Sans CJK SC\n'),
  };
  return { world, calls, logs, errors, files };
}

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, then the distribution, then Chrome, then Playwright’s cache', () => {
    const all = ['/opt/my/chrome', '/usr/bin/chromium', '/usr/bin/google-chrome', '/home/u/.cache/ms-playwright/chromium-1200/chrome-linux/chrome'];
    const dirs = { '/home/u/.cache/ms-playwright': ['chromium-1100', 'chromium-1200', 'ffmpeg-1011'] };
    const env = { CHROMIUM_PATH: '/opt/my/chrome' };
    expect(findChromium({ ...machine({ files: all, dirs, env }).world }).path).toBe('/opt/my/chrome');
    expect(findChromium({ ...machine({ files: all.slice(1), dirs, env }).world }).path).toBe('/usr/bin/chromium');
    expect(findChromium({ ...machine({ files: all.slice(2), dirs, env }).world }).path).toBe('/usr/bin/google-chrome');
    const pw = findChromium({ ...machine({ files: all.slice(3), dirs, env }).world });
    expect(pw.path).toBe('/home/u/.cache/ms-playwright/chromium-1200/chrome-linux/chrome');
    // Every path before the one found was tried, in order, the newest Playwright build before the older.
    expect(pw.tried[0]).toBe('/opt/my/chrome');
    expect(pw.tried.indexOf('/usr/bin/chromium')).toBeLessThan(pw.tried.indexOf('/usr/bin/google-chrome'));
    expect(pw.tried.some((p) => p.includes('chromium-1100'))).toBe(false);
    expect(pw.ignoredWanted).toBe('/opt/my/chrome');
  });

  it('finds Chrome and Chromium where macOS puts them', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findChromium(machine({ files: [chrome] }).world).path).toBe(chrome);
    const pw = '/home/u/Library/Caches/ms-playwright/chromium-1300/chrome-mac-arm64/Chromium.app/Contents/MacOS/Chromium';
    expect(findChromium(machine({ files: [pw], dirs: { '/home/u/Library/Caches/ms-playwright': ['chromium-1300'] } }).world).path).toBe(pw);
  });

  it('names every path it tried when it finds none', () => {
    const found = findChromium(machine({ env: { CHROMIUM_PATH: '/nope' } }).world);
    expect(found.path).toBeUndefined();
    const text = missingMessage(found.tried, 'why');
    for (const p of ['/nope', '/usr/bin/chromium', '/usr/bin/google-chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium']) expect(text).toContain(p);
    expect(text).toContain('apt-get install -y chromium');
    expect(text).toContain('CHROMIUM_PATH');
  });
});

describe('installing a browser', () => {
  it('recognises Debian, Ubuntu and their derivatives and nothing else', () => {
    expect([debian, ubuntu, mint, fedora].map(isDebianLike)).toEqual([true, true, true, false]);
  });

  it('as root on Debian: apt-get installs chromium, saying so, and the path is found after', () => {
    const m = machine({ osRelease: debian, uid: 0 });
    expect(ensureChromium(m.world)).toBe('/usr/bin/chromium');
    expect(m.calls).toEqual(['apt-get update -qq', 'apt-get install -y -qq chromium']);
    expect(m.logs.join('\n')).toMatch(/installing the distribution's chromium package/);
    expect(m.errors).toEqual([]);
  });

  it('with passwordless sudo it installs through sudo -n; without it, it stops with the reason and the paths', () => {
    const sudo = machine({ osRelease: ubuntu, uid: 1000, sudo: true });
    expect(ensureChromium(sudo.world)).toBe('/usr/bin/chromium');
    expect(sudo.calls).toEqual(['sudo -n true', 'sudo -n apt-get update -qq', 'sudo -n apt-get install -y -qq chromium']);

    const none = machine({ osRelease: debian, uid: 1000, sudo: false });
    expect(ensureChromium(none.world)).toBeUndefined();
    expect(none.calls).toEqual(['sudo -n true']);
    expect(none.errors[0]).toMatch(/needs root or passwordless sudo/);
    expect(none.errors[0]).toContain('/usr/bin/chromium');
  });

  it('never installs off Debian, and reports a failed apt-get', () => {
    const mac = machine({ osRelease: undefined, uid: 501 });
    expect(ensureChromium(mac.world)).toBeUndefined();
    expect(mac.calls).toEqual([]);
    expect(mac.errors[0]).toMatch(/not a Debian or Ubuntu machine/);
    expect(installerPrefix({ osRelease: fedora, uid: 0, run: () => 0 }).prefix).toBeUndefined();

    const broken = machine({ osRelease: debian, uid: 0, aptWorks: false });
    expect(ensureChromium(broken.world)).toBeUndefined();
    expect(broken.errors[0]).toMatch(/did not succeed/);
  });

  it('installs the Noto CJK fonts when no Chinese font is there, with the browser in one apt-get, or says it is missing', () => {
    const fresh = machine({ osRelease: debian, uid: 0, fonts: '' });
    expect(ensureChromium(fresh.world)).toBe('/usr/bin/chromium');
    expect(fresh.calls).toEqual(['apt-get update -qq', 'apt-get install -y -qq chromium fonts-noto-cjk']);

    const root = machine({ osRelease: debian, uid: 0, files: ['/usr/bin/chromium'], fonts: '' });
    expect(ensureChromium(root.world)).toBe('/usr/bin/chromium');
    expect(root.calls).toEqual(['apt-get update -qq', 'apt-get install -y -qq fonts-noto-cjk']);

    const user = machine({ osRelease: debian, uid: 1000, files: ['/usr/bin/chromium'], fonts: '' });
    expect(ensureChromium(user.world)).toBe('/usr/bin/chromium');
    expect(user.logs.join('\n')).toMatch(/No Chinese font found \(fonts-noto-cjk\)/);

    const fine = machine({ osRelease: debian, uid: 0, files: ['/usr/bin/chromium'] });
    ensureChromium(fine.world);
    expect(fine.calls).toEqual([]);
  });
});
