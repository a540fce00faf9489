// src/domain is pure TypeScript: it imports nothing outside itself, and takes time and
// seeds as arguments.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { expect, test } from 'vitest';

const root = resolve(__dirname, '../../src/domain');
/** Libraries of pure functions the domain may use (special functions for the lifetime models). */
const PURE_LIBRARIES = new Set(['@stdlib/math-base-special-gammaln', '@stdlib/math-base-special-hyp2f1']);
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));

test('src/domain imports only from src/domain (and named pure libraries), and never calls Date.now or Math.random', () => {
  const offences: string[] = [];
  for (const file of files(root).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
      const inside = spec.startsWith('.') && !relative(root, resolve(dirname(file), spec)).startsWith('..');
      if (!inside && !PURE_LIBRARIES.has(spec)) offences.push(`${relative(root, file)} imports ${spec}`);
    }
    if (/Date\.now\(|Math\.random\(|\bdocument\.|\bwindow\./.test(text)) offences.push(`${relative(root, file)} uses the clock, randomness or the DOM`);
  }
  expect(offences).toEqual([]);
});
