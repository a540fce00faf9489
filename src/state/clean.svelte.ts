// Keeping the book clean as the screens use it: the list's selection (some rows, or every row
// of its query but a few), and each change of many customers — run in the worker with the job
// bar's progress, said in words, with its undo at hand.

import type { ListQuery } from '../domain/query';
import type { BulkSet, DeletePreview, Selection } from '../worker/api';
import type { Batch, Result } from '../worker/api';
import { engine } from '../worker/client';
import { failureText, saveFile, type Said } from './data.svelte';
import { t18 } from './i18n.svelte';
import { workspaces } from './workspace.svelte';

export class ListSelection {
  on = $state(false);
  /** Every row of the list's query, but those in `picked`; else only those in `picked`. */
  all = $state(false);
  picked = $state.raw(new Set<string>());

  has(id: string): boolean {
    return this.all !== this.picked.has(id);
  }

  toggle(id: string): void {
    const next = new Set(this.picked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.picked = next;
  }

  setAll(all: boolean): void {
    this.all = all;
    this.picked = new Set();
  }

  count(total: number): number {
    return this.all ? Math.max(0, total - this.picked.size) : this.picked.size;
  }

  /** The selection as the engine takes it, for the list's current query. */
  of(query: ListQuery): Selection {
    return this.all ? { query: $state.snapshot(query) as ListQuery, except: [...this.picked] } : { ids: [...this.picked] };
  }

  clear(): void {
    this.on = false;
    this.setAll(false);
  }
}

/** A change's outcome: the words, and the batch its undo takes. */
export interface Done extends Said {
  undo?: string;
}

export class CleanState {
  busy = $state(false);
  done = $state<Done | null>(null);

  private async run<T>(work: () => Promise<Result<T>>, said: (value: T) => Done): Promise<T | null> {
    this.busy = true;
    this.done = null;
    try {
      const r = await work();
      if (!r.ok) {
        this.done = { text: failureText(r), error: true };
        return null;
      }
      this.done = said(r.value);
      // The screens refresh behind the answer: the undo is at hand at once.
      void workspaces.changed();
      return r.value;
    } finally {
      this.busy = false;
    }
  }

  edit(selection: Selection, set: BulkSet) {
    return this.run(
      () => workspaces.track((job, onProgress) => engine().editCustomers({ selection, set, job }, onProgress), 'edit'),
      (v) => ({ text: v.changed === v.selected ? t18.t('clean.editedAll', { count: v.selected }) : t18.t('clean.edited', { changed: v.changed, count: v.selected }), error: false, undo: v.batch?.id }),
    );
  }

  previewDelete(selection: Selection): Promise<Result<DeletePreview>> {
    return engine().previewDelete({ selection });
  }

  delete(selection: Selection) {
    return this.run(() => engine().deleteCustomers({ selection }), (b: Batch) => ({ text: t18.plural('clean.deleted', b.change!.customers), error: false, undo: b.id }));
  }

  playbook(selection: Selection, playbookId: string, name: string) {
    return this.run(
      () => engine().startPlaybookMany({ selection, playbookId }),
      (v) => ({ text: t18.t('clean.playbookDone', { name, customers: t18.plural('list.count', v.customers), actions: v.actions }), error: false, undo: v.batch.id }),
    );
  }

  async export(selection: Selection): Promise<void> {
    const options = 'ids' in selection ? { kind: 'customer' as const, format: 'csv' as const, ids: selection.ids } : { kind: 'customer' as const, format: 'csv' as const, query: selection.query };
    const file = await this.run(
      () => workspaces.track((job, onProgress) => engine().exportRecords({ options, job }, onProgress), 'export'),
      (f) => ({ text: t18.t('export.done', { file: f.name, rows: f.rows }), error: false }),
    );
    if (file) saveFile(file.blob, file.name);
  }

  undo(id: string) {
    return this.run(
      () => workspaces.track((job, onProgress) => engine().undoChange({ id, job }, onProgress), 'undo'),
      (v) => ({ text: v.kept ? t18.t('clean.undoneKept', { restored: v.restored, kept: v.kept }) : t18.t('clean.undone', { restored: v.restored }), error: false }),
    );
  }
}

/** The last change's words that outlive the screen it was made on (a customer deleted from its own page), with its undo. */
class Toast {
  said = $state<Done | null>(null);
  private readonly clean = new CleanState();

  show(said: Done): void {
    this.said = said;
  }

  get busy(): boolean {
    return this.clean.busy;
  }

  async undo(): Promise<void> {
    const id = this.said?.undo;
    if (!id) return;
    await this.clean.undo(id);
    this.said = this.clean.done;
  }

  dismiss(): void {
    this.said = null;
  }
}

export const toast = new Toast();
