// Web Locks, shared by every tab's engine: one writer per book (every write to a workspace runs
// under a lock named for it), and the creation lock a tab holds while it writes a new book.
// Where the platform has no Web Locks (Node tests) there is one engine, and the work just runs.

const locks = () => (globalThis.navigator as Navigator | undefined)?.locks;

/** Runs `work` holding the lock `name` (at once where there are no Web Locks). */
export function withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  const l = locks();
  return l ? (l.request(name, work) as Promise<T>) : work();
}

/** Whether some tab holds the lock `name` now (never, where there are no Web Locks). */
export async function lockHeld(name: string): Promise<boolean> {
  const l = locks();
  if (!l) return false;
  return ((await l.query()).held ?? []).some((x) => x.name === name);
}

/** Runs `work` as the one writer of book `dbName` across tabs. */
export function withBookLock<T>(dbName: string, work: () => Promise<T>): Promise<T> {
  return withLock(`custos-write:${dbName}`, work);
}
