// src/domain is pure TypeScript: it imports nothing outside itself, and takes time and
// seeds as arguments.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { expect, test } from 'vitest';

const root = resolve(__dirname, '../../src/domain');
/** Libraries of pure functions the domain may use (special functions for the lifetime models). */
const PURE_LIBRARIES = new Set(['@stdlib/math-base-special-gammaln', '@stdlib/math-base-special-hyp2f1', '@stdlib/math-base-special-digamma']);
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));

/** What the domain may not touch: the clock, randomness, the DOM, the platform's crypto and timers, modules loaded at run time. */
const IMPURE: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'Date.now()'],
  [/\bnew\s+Date\s*\(\s*\)/, 'new Date()'],
  [/\bMath\.random\s*\(/, 'Math.random()'],
  [/\bperformance\s*\./, 'performance'],
  [/\bcrypto\s*\./, 'crypto'],
  [/\bimport\s*\(/, 'import()'],
  [/\brequire\s*\(/, 'require()'],
  [/\b(?:document|window|navigator|localStorage|indexedDB|self)\s*\./, 'the DOM or the browser'],
  [/\b(?:setTimeout|setInterval|fetch)\s*\(/, 'timers or the network'],
];

/** The offences of one file's text (exported to the test below, which checks the checker). */
function offencesOf(name: string, text: string): string[] {
  const out: string[] = [];
  // Comments may speak of what the code must not do.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  for (const [, spec] of code.matchAll(/(?:import|export)[^'"();]*?from\s+['"]([^'"]+)['"]/g)) {
    const inside = spec.startsWith('.') && !relative(root, resolve(dirname(resolve(root, name)), spec)).startsWith('..');
    if (!inside && !PURE_LIBRARIES.has(spec)) out.push(`${name} imports ${spec}`);
  }
  for (const [pattern, what] of IMPURE) if (pattern.test(code)) out.push(`${name} uses ${what}`);
  return out;
}

test('the purity check catches each kind of offence, and lets comments and pure code through', () => {
  const cases: [string, number][] = [
    ["import Dexie from 'dexie';", 1],
    ["import { x } from '../../storage/db';", 1],
    ["import { y } from './risk/score';", 0],
    ['const t = Date.now();', 1],
    ['const today = new Date();', 1],
    ['const d = new Date(ms);', 0],
    ['const r = Math.random();', 1],
    ['const t0 = performance.now();', 1],
    ['const id = crypto.randomUUID();', 1],
    ["const m = await import('./lazy');", 1],
    ['document.title = x;', 1],
    ['setTimeout(run, 0);', 1],
    ['// never call Date.now() here', 0],
    ['/* Math.random() is banned */ const a = 1;', 0],
  ];
  for (const [line, n] of cases) expect(offencesOf('x/file.ts', line), line).toHaveLength(n);
});

test('src/domain imports only from src/domain (and named pure libraries), and touches no clock, randomness, DOM, crypto, timer or dynamic import', () => {
  const offences: string[] = [];
  for (const file of files(root).filter((f) => f.endsWith('.ts'))) offences.push(...offencesOf(relative(root, file), readFileSync(file, 'utf8')));
  expect(offences).toEqual([]);
});
