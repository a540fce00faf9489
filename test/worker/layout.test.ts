// The engine's layout holds: the page reaches the worker through api.ts and the client alone
// and never touches storage; the contract imports nothing of the worker; the worker's import
// graph has no circle; and no module or component outgrows its room (STYLE §9).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

const src = resolve(__dirname, '../../src');
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
const all = files(src).filter((f) => /\.(ts|svelte)$/.test(f));
const rel = (f: string) => relative(src, f).replaceAll('\\', '/');

/** The project files a source imports (relative specifiers resolved), with whether each import is of types only. */
function importsOf(text: string, from: string): { to: string; typeOnly: boolean }[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out: { to: string; typeOnly: boolean }[] = [];
  for (const m of code.matchAll(/(import|export)\s+(type\s+)?([^'"();]*?)\s*from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    const spec = m[4] ?? m[5];
    const base = resolve(dirname(from), spec);
    const to = [base, `${base}.ts`, `${base}.svelte.ts`, join(base, 'index.ts')].find((f) => all.includes(f));
    // `import(…)` inside a type, `import type`, and `export type … from` carry no code.
    if (to) out.push({ to: rel(to), typeOnly: !!m[2] || !!m[5] || /^\{\s*type\s/.test(m[3] ?? '') && !/,\s*(?!type\s)\w/.test(m[3] ?? '') });
  }
  return out;
}

const graph = new Map(all.map((f) => [rel(f), importsOf(readFileSync(f, 'utf8'), f)]));

test('the page imports no worker module but api.ts and the client, and nothing of storage', () => {
  const offences: string[] = [];
  for (const [file, imports] of graph) {
    if (!file.startsWith('ui/') && !file.startsWith('state/')) continue;
    for (const { to } of imports) {
      if (to.startsWith('storage/') || (to.startsWith('worker/') && to !== 'worker/api.ts' && to !== 'worker/client.ts')) offences.push(`${file} imports ${to}`);
    }
  }
  expect(offences).toEqual([]);
});

test('the contract imports nothing of the worker', () => {
  expect(graph.get('worker/contract.ts')!.filter(({ to }) => to.startsWith('worker/'))).toEqual([]);
});

/** The circles of a graph (each once, as a path that ends where it starts). */
function circles(edges: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    path.push(n);
    for (const m of edges.get(n) ?? []) {
      if (state.get(m) === 'open') found.push([...path.slice(path.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    path.pop();
    state.set(n, 'done');
  };
  for (const n of edges.keys()) if (!state.has(n)) visit(n);
  return found;
}

test('the circle check finds a circle and passes a tree', () => {
  expect(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
  expect(circles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
});

test('the worker imports itself in no circle (api.ts, the type of the whole engine, aside)', () => {
  const edges = new Map(
    [...graph].filter(([f]) => f.startsWith('worker/') && f !== 'worker/api.ts').map(([f, imports]) => [f, imports.filter(({ to }) => to.startsWith('worker/') && to !== 'worker/api.ts').map(({ to }) => to)]),
  );
  expect(circles(edges)).toEqual([]);
});

test('no module is over 300 lines and no component over 150', () => {
  const long = all
    .map((f) => ({ file: rel(f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
    .filter(({ file, lines }) => lines > (file.endsWith('.svelte') ? 150 : 300))
    .map(({ file, lines }) => `${file}: ${lines}`);
  expect(long).toEqual([]);
});
