// How an engine method is declared: `free`, `read` or `write` around a plain function, and
// the wrapper does the rest once for all — the open-book guard, the clock, the write queue,
// failures turned into Results, and after a write the follow-up saves and the word to the
// other tabs. Expected failures are values with stable codes; only bugs throw.

import type { Issue } from '../../domain/types';
import { BackupProblem } from '../../storage/backup';
import { StaleBook } from '../../storage/workspace-repo';
import type { ErrorCode, OnProgress, Result } from '../contract';
import { FileProblem } from '../import/file';
import { Cancelled, Job } from '../session/jobs';
import { withBookLock } from '../session/lock';
import { notify, tellOtherTabs } from '../session/notices';
import { session, type OpenBook } from '../session/open-book';
import { settle } from '../session/settle';
import { serial } from '../session/writes';

/** An engine method: one argument object (optional when every field is), a progress callback for long ones. */
export type Call<A, T> = {} extends A ? (args?: A, onProgress?: OnProgress) => Promise<Result<T>> : (args: A, onProgress?: OnProgress) => Promise<Result<T>>;
type Body<A, T> = (args: A, job: Job) => Promise<Result<T>> | Result<T>;
type BookBody<A, T> = (o: OpenBook, args: A, job: Job) => Promise<Result<T>> | Result<T>;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
/** An expected failure: its code, with the problems (row, column, code) or the one detail a user is told. */
export const fail = (code: ErrorCode, more: { issues?: Issue[]; detail?: string } = {}): Result<never> => ({ ok: false, code, ...more });

/** A thrown error as the Result a user is told: cancelled, a full disk, a bad file, or a storage failure. */
export function failure(err: unknown): Result<never> {
  if (err instanceof Cancelled) return { ok: false, code: 'cancelled' };
  if (err instanceof BackupProblem) return { ok: false, code: 'bad_file', detail: err.code, issues: [{ code: `backup.${err.code}`, params: err.params }] };
  if (err instanceof FileProblem) return { ok: false, code: 'bad_file', detail: err.code, issues: [{ code: `file.${err.code}`, params: err.params }] };
  if (err instanceof StaleBook) return { ok: false, code: 'stale', detail: 'changed_elsewhere' };
  const e = err as { name?: string; inner?: { name?: string }; message?: string };
  if (e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError') return { ok: false, code: 'quota_exceeded' };
  return { ok: false, code: 'storage_failed', detail: e?.message ?? String(err) };
}

async function run<A, T>(args: A | undefined, onProgress: OnProgress | undefined, body: (job: Job) => Promise<Result<T>> | Result<T>): Promise<Result<T>> {
  const job = new Job((args as { job?: string } | undefined)?.job, onProgress);
  try {
    return await body(job);
  } catch (err) {
    return failure(err);
  } finally {
    job.done();
  }
}

/** The open book moved to today: a book left open overnight shows the new day's figures on the next call. */
function today(): OpenBook | null {
  const o = session.open;
  o?.moveToToday();
  return o;
}

/** A method that needs no open book (the list of workspaces, a backup's header). */
export function free<A, T>(body: Body<A, T>): Call<A, T> {
  return ((args: A = {} as A, onProgress?: OnProgress) => run(args, onProgress, (job) => body(args, job))) as Call<A, T>;
}

/** A method that reads the open book ('no_workspace' without one). */
export function read<A, T>(body: BookBody<A, T>): Call<A, T> {
  return ((args: A = {} as A, onProgress?: OnProgress) =>
    run(args, onProgress, (job) => {
      const o = today();
      return o ? body(o, args, job) : fail('no_workspace');
    })) as Call<A, T>;
}

export interface WriteEffects {
  /** The registry notes the change (its date and counts): data was changed. */
  touch?: boolean;
  /** The follow-up saves of a rescore: awaited before the answer, or run after it has gone. */
  settle?: 'await' | 'after';
  /** Whether the other tabs are told (they read the workspace again); yes unless said. */
  tell?: boolean;
}

/**
 * A method that changes the open book: run after every write queued before it, under the
 * book's lock (one writer across tabs), on the book as stored — read again first when another
 * tab wrote since — then (when it succeeded) the registry touched, the follow-up saves made and
 * the other tabs told. Every write it makes is guarded by the book's belief: a write refused
 * as stale (a tab of an older build writing without the lock) is tried once more on the book
 * read again.
 */
export function write<A, T>(body: BookBody<A, T>, effects: WriteEffects = {}): Call<A, T> {
  return ((args: A = {} as A, onProgress?: OnProgress) =>
    run(args, onProgress, async (job) => {
      const o = today();
      if (!o) return fail('no_workspace');
      const result = await serial(() =>
        withBookLock(o.info.dbName, async () => {
          if (await o.catchUp()) notify({ type: 'changed' });
          try {
            return await body(o, args, job);
          } catch (err) {
            if (!(err instanceof StaleBook)) throw err;
            await o.reload();
            notify({ type: 'changed' });
            return body(o, args, job);
          }
        }),
      );
      if (!result.ok) return result;
      if (effects.touch) await o.touch();
      if (effects.settle === 'await') await settle(o);
      // After the answer has gone: history, facts and alerts pack every shard they touch.
      else if (effects.settle === 'after') setTimeout(() => void settle(o), 0);
      if (effects.tell !== false) tellOtherTabs(o.info.dbName);
      return result;
    })) as Call<A, T>;
}
