// One writer per book across tabs: every write to a workspace runs under a Web Lock named for
// it, so that two tabs' engines never write the same book at once (where the platform has no
// Web Locks — Node tests — there is one engine, and the write queue is enough).

export function withBookLock<T>(dbName: string, work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request(`custos-write:${dbName}`, work) as Promise<T>) : work();
}
