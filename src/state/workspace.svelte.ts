// The open workspace as the screens share it: the list of books, the one that is open,
// the long job under way (with progress and cancel) and the last message for the user.

import type { DemoBook } from '../domain/demo/book';
import { DEMO_SEED } from '../domain/demo/seed';
import type { MessageKey, Params } from '../i18n';
import type { BookSummary, EngineNotice, Progress, Result, RiskModel, WorkspaceInfo } from '../worker/api';
import { engine, proxy } from '../worker/client';
import { t18 } from './i18n.svelte';
import { storage } from './storage.svelte';

const LAST = 'custos.workspace';

export interface Notice {
  key: MessageKey;
  params?: Params;
  tone: 'info' | 'error';
}

export class Workspaces {
  list = $state.raw<WorkspaceInfo[]>([]);
  current = $state.raw<WorkspaceInfo | null>(null);
  summary = $state.raw<BookSummary | null>(null);
  /** Bumped whenever the open book's data changed; lists re-query on it. */
  revision = $state(0);
  job = $state.raw<{ id: string; progress: Progress } | null>(null);
  notice = $state.raw<Notice | null>(null);
  ready = $state(false);
  /** Another tab upgraded the database: this one must reload. */
  needsReload = $state(false);
  /** A draft model is being tried on the list (a what-if; nothing is kept). */
  trying = $state(false);

  async tryModel(draft: RiskModel | null): Promise<void> {
    const r = await engine().tryModel({ draft });
    if (r.ok) this.trying = r.value.trying;
    this.revision++;
  }

  /** The list of books as the engine has it (kept as it was if it cannot be read). */
  private async readList(): Promise<void> {
    const r = await engine().listWorkspaces();
    if (r.ok) this.list = r.value;
  }

  async init(): Promise<void> {
    void engine().subscribe(proxy((n: EngineNotice) => (n.type === 'versionchange' ? (this.needsReload = true) : this.revision++)));
    // A book left open overnight moves to the new day when the page is looked at again (the engine then says 'changed').
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && this.current) void engine().moveToToday();
    });
    const last = localStorage.getItem(LAST);
    // The last book starts opening at once, while the list of books is read.
    const opening = last ? engine().openWorkspace({ id: last, locale: t18.locale }) : null;
    await this.readList();
    const pick = this.list.find((w) => w.id === last) ?? this.list[0];
    if (pick) await this.open(pick.id, pick.id === last ? (opening ?? undefined) : undefined);
    this.ready = true;
  }

  /** Shows the message of a failed result; true when it succeeded. */
  report<T>(r: Result<T>): r is { ok: true; value: T } {
    if (r.ok) return true;
    this.notice = { key: `error.${r.code}` as MessageKey, params: { detail: r.detail ?? '' }, tone: r.code === 'cancelled' ? 'info' : 'error' };
    return false;
  }

  async open(id: string, opening?: ReturnType<ReturnType<typeof engine>['openWorkspace']>): Promise<boolean> {
    const r = await (opening ?? engine().openWorkspace({ id, locale: t18.locale }));
    if (!this.report(r)) return false;
    this.current = this.list.find((w) => w.id === id) ?? null;
    this.summary = r.value;
    this.trying = false;
    this.revision++;
    localStorage.setItem(LAST, id);
    return true;
  }

  async track<T>(work: (job: string, onProgress: (p: Progress) => void) => Promise<Result<T>>, phase = 'generate'): Promise<Result<T>> {
    const id = crypto.randomUUID();
    this.job = { id, progress: { phase, done: 0, total: 1 } };
    try {
      return await work(id, proxy((progress: Progress) => (this.job = { id, progress })));
    } finally {
      this.job = null;
    }
  }

  cancelJob(): void {
    if (this.job) void engine().cancelJob({ job: this.job.id });
  }

  private async adopt(r: Result<WorkspaceInfo>): Promise<boolean> {
    if (!this.report(r)) return false;
    await this.readList();
    return this.open(r.value.id);
  }

  async createDemo(book: DemoBook): Promise<boolean> {
    const name = t18.t('demo.bookName', { book: t18.t(`demo.${book}`) });
    const demo = { book, seed: DEMO_SEED, locale: t18.locale };
    return this.adopt(await this.track((job, onProgress) => engine().createWorkspace({ name, demo, job, locale: t18.locale }, onProgress)));
  }

  async createEmpty(name: string, currency?: string): Promise<boolean> {
    const ok = await this.adopt(await engine().createWorkspace({ name, locale: t18.locale, currency }));
    // A real book deserves protection from the browser's clean-up.
    if (ok) await storage.persist();
    return ok;
  }

  /** Sets the open book's currency (figures and totals are shown in it). */
  async setCurrency(currency: string): Promise<boolean> {
    const id = this.current?.id;
    if (!id || !this.report(await engine().setWorkspaceCurrency({ id, currency }))) return false;
    await this.readList();
    this.current = this.list.find((w) => w.id === id) ?? null;
    await this.refreshSummary();
    return true;
  }

  async rename(id: string, name: string): Promise<void> {
    if (this.report(await engine().renameWorkspace({ id, name }))) await this.readList();
    this.current = this.list.find((w) => w.id === this.current?.id) ?? null;
  }

  async remove(id: string): Promise<void> {
    if (!this.report(await engine().deleteWorkspace({ id }))) return;
    await this.readList();
    if (this.current?.id === id) {
      this.current = null;
      this.summary = null;
      localStorage.removeItem(LAST);
      if (this.list[0]) await this.open(this.list[0].id);
    }
  }

  /** After the data changed by other means (an import, an undo): counts read again, lists refreshed. */
  async refreshSummary(): Promise<void> {
    const r = await engine().getSummary();
    this.summary = r.ok ? r.value : null;
    await this.readList();
    this.revision++;
  }

  /** The list of books read again (a backup's date, a restored book). */
  async refreshList(): Promise<void> {
    await this.readList();
    this.current = this.list.find((w) => w.id === this.current?.id) ?? null;
  }

  /** Sets the open book's analysis date (null: today); every screen's figures follow. Returns the problem, if any. */
  async setAsOf(asOf: string | null): Promise<string | null> {
    const r = await engine().setAsOf({ asOf });
    if (!r.ok) return r.issues?.[0]?.code ?? r.code;
    this.summary = r.value;
    this.revision++;
    return null;
  }

  async resetDemo(): Promise<void> {
    const r = await this.track((job, onProgress) => engine().resetDemo({ job }, onProgress));
    if (!this.report(r)) return;
    this.summary = r.value;
    await this.readList();
    this.revision++;
  }

  /** After an edit: refresh counts and lists. */
  async changed(): Promise<void> {
    this.revision++;
    await this.readList();
    void storage.refresh();
  }
}

export const workspaces = new Workspaces();
