// The list's windowing in a laid-out page: 100,000 rows, only those on screen (and ten either
// side) in the DOM, the right ones after a scroll, and a new count taking effect at once.
import { createRawSnippet, flushSync, mount, unmount } from 'svelte';
import { expect, test } from 'vitest';
import VirtualRows from '../../src/ui/common/VirtualRows.svelte';

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

test('100,000 rows: the ones on screen are in the DOM, at their place, and asked for', async () => {
  const host = document.createElement('div');
  host.style.cssText = 'display: flex; flex-direction: column; height: 400px; width: 300px;';
  document.body.append(host);
  const ranges: [number, number][] = [];
  const row = createRawSnippet((i: () => number) => ({ render: () => `<span class="r">row ${i()}</span>` }));
  const props = $state({ count: 100_000, rowHeight: 40, row, onrange: (a: number, b: number) => void ranges.push([a, b]), label: 'rows' });
  const list = mount(VirtualRows, { target: host, props });
  await frame();
  const shown = () => [...host.querySelectorAll('.r')].map((e) => Number(e.textContent!.slice(4)));
  const scroller = host.querySelector('[role=list]') as HTMLDivElement;

  // 400 px of 40 px rows: rows 0–9 on screen, ten more below.
  expect(shown()).toEqual(Array.from({ length: 20 }, (_, k) => k));
  expect(ranges.at(-1)).toEqual([0, 19]);
  expect(scroller.scrollHeight).toBe(4_000_000);

  scroller.scrollTop = 40 * 50_000;
  await frame();
  expect(shown()).toEqual(Array.from({ length: 30 }, (_, k) => 49_990 + k));
  expect(ranges.at(-1)).toEqual([49_990, 50_019]);
  // Row 50,000 is at the top of the scroller.
  const top = [...host.querySelectorAll('.r')].find((e) => e.textContent === 'row 50000')!;
  expect(top.getBoundingClientRect().top).toBe(scroller.getBoundingClientRect().top);

  // A search narrows the list to 5: the scroll comes back within it and the rows are those 5.
  props.count = 5;
  flushSync();
  await frame();
  expect(shown()).toEqual([0, 1, 2, 3, 4]);
  expect(scroller.scrollHeight).toBe(400);

  props.count = 0;
  flushSync();
  expect(shown()).toEqual([]);
  unmount(list);
  host.remove();
});
