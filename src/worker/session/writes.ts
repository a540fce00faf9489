// The engine's write queue: writes run one after another, so that two quick edits of one
// shard never race, and a follow-up write (history, alerts) never overtakes the data it
// derives from.

let writing: Promise<unknown> = Promise.resolve();

/** Runs `work` after every write queued before it; its failure does not stop the queue. */
export function serial<T>(work: () => Promise<T>): Promise<T> {
  const next = writing.then(work, work);
  writing = next.catch(() => undefined);
  return next;
}

/** What the last open, full rescore and single-shard rescore took here, in ms (shown in settings, read by the bench). */
export const timings: {
  openMs: number | null; rescoreAllMs: number | null; rescoreOneMs: number | null; auditMs: number | null; bulkEditMs: number | null;
  openPhases: Record<string, number>; rescorePhases: Record<string, number>; auditPhases: Record<string, number>; bulkEditPhases: Record<string, number>;
} = {
  openMs: null, rescoreAllMs: null, rescoreOneMs: null, auditMs: null, bulkEditMs: null, openPhases: {}, rescorePhases: {}, auditPhases: {}, bulkEditPhases: {},
};
