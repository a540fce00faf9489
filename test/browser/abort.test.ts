// An import cut off midway — the worker terminated, as when the tab is closed or crashes —
// leaves the workspace exactly as it was, or (when the one transaction had committed) fully
// imported: never a part of the file.
import { afterAll, describe, expect, test } from 'vitest';
import { wrap, type Remote } from 'comlink';
import type { EngineApi } from '../../src/worker/api';
import { DEFAULT_QUERY } from '../../src/domain/query';
import { WorkspaceDB } from '../../src/storage/databases';
import { got } from '../support/result';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Asks for the commit and terminates the worker while its write transaction is open: a read of
 * the shards started from this page waits for any write transaction on them, so a read still
 * pending after 5 ms means the commit is writing. True when the cut landed so.
 */
async function cutInsideCommit(api: Remote<EngineApi>, worker: Worker, token: string, db: WorkspaceDB): Promise<boolean> {
  void api.commitImport({ token }).catch(() => undefined);
  const t0 = performance.now();
  while (performance.now() - t0 < 20_000) {
    const probe = db.shards.count().then(() => false, () => false);
    if (await Promise.race([probe, sleep(5).then(() => true)])) {
      worker.terminate();
      return true;
    }
  }
  worker.terminate();
  return false;
}

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
    const history = got(await api.listImports());
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
    let inside = 0;
    const probeDb = new WorkspaceDB(w.value.dbName);
    // Cut during the preview; three times while the commit's transaction is open (seen from
    // here); then at growing moments after the commit was asked for.
    const cuts: (number | 'inside' | 'answered')[] = [-1, 'inside', 'inside', 'inside', 0, 20, 150, 'answered'];
    for (const cut of cuts) {
      const { api, worker } = fresh();
      await api.openWorkspace({ id: w.value.id, locale: 'en' });
      if (cut === -1) {
        void api.previewImport({ file, options: { kind: 'order' } }).catch(() => undefined);
        await sleep(150);
        worker.terminate();
      } else {
        const q = await api.previewImport({ file, options: { kind: 'order' } });
        if (!q.ok) throw new Error(q.code);
        expect(q.value.counts.new).toBe(ROWS);
        if (cut === 'inside') {
          if (await cutInsideCommit(api, worker, q.value.token, probeDb)) inside++;
        } else if (cut === 'answered') {
          expect((await api.commitImport({ token: q.value.token })).ok).toBe(true);
          worker.terminate();
        } else {
          void api.commitImport({ token: q.value.token }).catch(() => undefined);
          await sleep(cut);
          worker.terminate();
        }
      }
      const after = await counts(w.value.id);
      const whole = after.events === before.events + ROWS && after.batches === before.batches + 1;
      const none = after.events === before.events && after.batches === before.batches;
      expect(whole || none, `after a cut at ${cut}: ${JSON.stringify(after)}`).toBe(true);
      expect(after.customers).toBe(500);
      outcomes.push(whole ? 'whole' : 'none');
      if (whole) {
        // Back to the start for the next cut.
        const { api, worker } = fresh();
        await api.openWorkspace({ id: w.value.id, locale: 'en' });
        const last = (got(await api.listImports()))[0];
        expect((await api.undoImport({ id: last.id })).ok).toBe(true);
        expect((got(await api.queryCustomers({ query: DEFAULT_QUERY, limit: 1 }))).total).toBe(500);
        worker.terminate();
        expect(await counts(w.value.id)).toEqual(before);
      }
    }
    probeDb.close();
    // Cuts did land inside the commit's transaction (not all before it or after it), and each
    // left nothing or everything.
    expect(inside).toBeGreaterThanOrEqual(2);
    // A cut after the commit answered finds the import whole, though the history, facts and
    // alerts it writes afterwards were cut off.
    expect(outcomes.at(-1)).toBe('whole');
    console.info(`cuts ${cuts.join(' ')} → ${outcomes.join(' ')}; ${inside} inside the commit's transaction`);
    // The cut during the preview wrote nothing.
    expect(outcomes[0]).toBe('none');
  });
});
