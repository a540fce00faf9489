// Storage care: how much of the browser's quota Custos uses, whether the data is protected
// from eviction, and asking for that protection when a real book is created.

export const WARN_RATIO = 0.7;

export class StorageCare {
  usage = $state<number | null>(null);
  quota = $state<number | null>(null);
  persisted = $state<boolean | null>(null);
  ratio = $derived(this.usage !== null && this.quota ? this.usage / this.quota : null);
  warn = $derived(this.ratio !== null && this.ratio > WARN_RATIO);

  async refresh(): Promise<void> {
    const s = globalThis.navigator?.storage;
    if (!s?.estimate) return;
    const { usage, quota } = await s.estimate();
    this.usage = usage ?? null;
    this.quota = quota ?? null;
    this.persisted = s.persisted ? await s.persisted() : null;
  }

  async persist(): Promise<void> {
    const s = globalThis.navigator?.storage;
    if (s?.persist && !(await s.persisted?.())) await s.persist();
    await this.refresh();
  }
}

export const storage = new StorageCare();
