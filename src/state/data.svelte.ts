// Export, backup and restore as the Data screen uses them: each call to the engine, the file
// saved where the browser saves downloads, and the outcome in words.

import type { ImportKind } from '../domain/import/fields';
import type { ListQuery } from '../domain/query';
import type { MessageKey } from '../i18n';
import type { BackupHeader } from '../worker/api';
import type { MergePreview, Side } from '../worker/api';
import type { Result } from '../worker/api';
import { engine } from '../worker/client';
import { t18 } from './i18n.svelte';
import { workspaces } from './workspace.svelte';

/** Saves a file the worker made: the browser's download, nothing sent anywhere. */
export function saveFile(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export interface Said {
  text: string;
  error: boolean;
}

/** The words of a failed result: a backup or file problem by its code, else the general error. */
export function failureText(r: Extract<Result<unknown>, { ok: false }>): string {
  const issue = r.issues?.[0];
  if (issue && (issue.code.startsWith('backup.') || issue.code.startsWith('file.'))) return t18.t(issue.code as MessageKey, issue.params as Record<string, string | number>);
  if (issue && r.code === 'invalid') return t18.issue(issue);
  return t18.t(`error.${r.code}` as MessageKey, { detail: r.detail ?? '' });
}

export class DataState {
  busy = $state(false);
  message = $state<Said | null>(null);
  /** The backup file chosen for a restore, and what its header says. */
  restoring = $state.raw<{ file: File; header: BackupHeader } | null>(null);

  private async run<T>(work: () => Promise<Result<T>>, done: (value: T) => string): Promise<T | null> {
    this.busy = true;
    this.message = null;
    try {
      const r = await work();
      if (!r.ok) {
        this.message = { text: failureText(r), error: true };
        return null;
      }
      this.message = { text: done(r.value), error: false };
      return r.value;
    } finally {
      this.busy = false;
    }
  }

  async exportRecords(kind: ImportKind | 'action', format: 'csv' | 'json', anonymise: boolean, query?: ListQuery): Promise<void> {
    const file = await this.run(
      () => workspaces.track((job, onProgress) => engine().exportRecords({ options: { kind, format, anonymise, query: query ? $state.snapshot(query) : undefined }, job }, onProgress)),
      (f) => t18.t('export.done', { file: f.name, rows: f.rows }),
    );
    if (file) saveFile(file.blob, file.name);
  }

  async backup(passphrase: string): Promise<void> {
    const file = await this.run(() => engine().backupWorkspace({ passphrase: passphrase || undefined }), (f) => t18.t('backup.done', { file: f.name }));
    if (!file) return;
    saveFile(file.blob, file.name);
    await workspaces.refreshList();
  }

  async chooseRestore(file: File | undefined): Promise<void> {
    this.restoring = null;
    this.message = null;
    if (!file) return;
    const r = await engine().inspectBackup({ file });
    if (!r.ok) this.message = { text: failureText(r), error: true };
    else this.restoring = { file, header: r.value };
  }

  /** A colleague's backup to merge into the open book, and what the merge would do. */
  merging = $state.raw<{ file: File; header: BackupHeader } | null>(null);
  merge = $state.raw<MergePreview | null>(null);
  choices = $state<Record<string, Side>>({});

  async chooseMerge(file: File | undefined): Promise<void> {
    this.merging = null;
    this.merge = null;
    this.choices = {};
    this.message = null;
    if (!file) return;
    const r = await engine().inspectBackup({ file });
    if (!r.ok) this.message = { text: failureText(r), error: true };
    else this.merging = { file, header: r.value };
  }

  /** Checks the chosen backup against the book (again, with the choices made so far). */
  async checkMerge(passphrase: string): Promise<void> {
    const chosen = this.merging;
    if (!chosen) return;
    const choices = $state.snapshot(this.choices);
    this.merge = await this.run(
      () => workspaces.track((job, onProgress) => engine().previewMerge({ file: chosen.file, passphrase: passphrase || undefined, choices, job }, onProgress)),
      () => '',
    );
    if (this.message && !this.message.error) this.message = null;
  }

  async choose(id: string, side: Side, passphrase: string): Promise<void> {
    this.choices = { ...this.choices, [id]: side };
    await this.checkMerge(passphrase);
  }

  /** Writes the merge checked last; true when it was written. */
  async commitMerge(): Promise<boolean> {
    const preview = this.merge;
    if (!preview) return false;
    const done = await this.run(() => engine().commitImport({ token: preview.token }), () => t18.t('merge.done', { name: preview.source.name }));
    if (!done) return false;
    this.merge = null;
    this.merging = null;
    this.choices = {};
    await workspaces.refreshSummary();
    return true;
  }

  async restore(passphrase: string): Promise<void> {
    const chosen = this.restoring;
    if (!chosen) return;
    const info = await this.run(() => engine().restoreBackup({ file: chosen.file, passphrase: passphrase || undefined, locale: t18.locale }), (w) => t18.t('restore.done', { name: w.name }));
    if (!info) return;
    this.restoring = null;
    await workspaces.refreshList();
    await workspaces.open(info.id);
  }
}
