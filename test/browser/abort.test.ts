// An import cut off midway — the worker terminated, as when the tab is closed or crashes —
// leaves the workspace exactly as it was, or (when the one transaction had committed) fully
// imported: never a part of the file.
import { afterAll, describe, expect, test } from 'vitest';
import { wrap, type Remote } from 'comlink';
import type { EngineApi } from '../../src/worker/api';
import { DEFAULT_QUERY } from '../../src/domain/query';

const fresh = (): { api: Remote<EngineApi>; worker: Worker } => {
  const worker = new Worker(new URL('../../src/worker/worker.ts', import.meta.url), { type: 'module' });
  return { api: wrap<EngineApi>(worker), worker };
};

const { api: main, worker: mainWorker } = fresh();
const created: string[] = [];
afterAll(async () => {
  for (const id of created) await main.deleteWorkspace({ id });
  mainWorker.terminate();
});

function ordersCsv(rows: number, customers: number): File {
  const lines = ['customer id,date,amount'];
  for (let i = 0; i < rows; i++) lines.push(`C${i % customers},2024-0${1 + (i % 9)}-1${i % 10},${(i % 997) + 1}.25`);
  return new File([lines.join('\r\n')], 'orders.csv');
}

/** What is stored, read by a worker of its own (as a tab opened afterwards would). */
async function counts(id: string) {
  const { api, worker } = fresh();
  try {
    const r = await api.openWorkspace({ id, locale: 'en' });
    if (!r.ok) throw new Error(r.code);
    const history = await api.importHistory();
    return { customers: r.value.customers, events: r.value.events, batches: history.filter((b) => !b.import?.undoneAt).length };
  } finally {
    worker.terminate();
  }
}

describe('an import cut off', () => {
  test('terminated during the preview or at any moment of the commit: all or nothing', async () => {
    const w = await main.createWorkspace({ name: 'Abort', locale: 'en' });
    if (!w.ok) throw new Error(w.code);
    created.push(w.value.id);
    const customers = ['customer id,customer name', ...Array.from({ length: 500 }, (_, i) => `C${i},Customer ${i}`)].join('\r\n');
    const p = await main.previewImport({ file: new File([customers], 'c.csv'), options: { kind: 'customer' } });
    if (!p.ok) throw new Error(p.code);
    await main.commitImport({ token: p.value.token });
    const before = await counts(w.value.id);
    expect(before).toEqual({ customers: 500, events: 0, batches: 1 });

    const ROWS = 200_000;
    const file = ordersCsv(ROWS, 500);
    const outcomes: string[] = [];
    // Cut during the preview, then at growing moments after the commit was asked for.
    for (const delay of [-1, 0, 5, 20, 60, 150, 400]) {
      const { api, worker } = fresh();
      await api.openWorkspace({ id: w.value.id, locale: 'en' });
      if (delay < 0) {
        void api.previewImport({ file, options: { kind: 'order' } }).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 150));
      } else {
        const q = await api.previewImport({ file, options: { kind: 'order' } });
        if (!q.ok) throw new Error(q.code);
        expect(q.value.counts.new).toBe(ROWS);
        void api.commitImport({ token: q.value.token }).catch(() => undefined);
        await new Promise((r) => setTimeout(r, delay));
      }
      worker.terminate();
      const after = await counts(w.value.id);
      const whole = after.events === before.events + ROWS && after.batches === before.batches + 1;
      const none = after.events === before.events && after.batches === before.batches;
      expect(whole || none, `after a cut at ${delay} ms: ${JSON.stringify(after)}`).toBe(true);
      expect(after.customers).toBe(500);
      outcomes.push(whole ? 'whole' : 'none');
      if (whole) {
        // Back to the start for the next cut.
        const { api, worker } = fresh();
        await api.openWorkspace({ id: w.value.id, locale: 'en' });
        const last = (await api.importHistory())[0];
        expect((await api.undoImport({ id: last.id })).ok).toBe(true);
        expect((await api.queryCustomers({ query: DEFAULT_QUERY, limit: 1 })).total).toBe(500);
        worker.terminate();
        expect(await counts(w.value.id)).toEqual(before);
      }
    }
    // The cut during the preview wrote nothing.
    expect(outcomes[0]).toBe('none');
  });
});
