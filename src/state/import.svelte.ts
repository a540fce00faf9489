// The import screen's state: the files waiting, the preview of the current one (the user may
// change kind, encoding, mapping, date order and unknown-customer rule, each previewing again),
// the commit, and the history of imports with undo.

import type { Encoding } from '../domain/import/encoding';
import { CUSTOM, type ImportKind } from '../domain/import/fields';
import type { DateOrder } from '../domain/import/values';
import type { RowRule } from '../domain/import/rules';
import type { CustomType } from '../domain/custom-fields';
import type { Batch, Issue } from '../domain/types';
import type { MessageKey } from '../i18n';
import { engine } from '../worker/client';
import type { ImportOptions, ImportPreview } from '../worker/api';
import { t18 } from './i18n.svelte';
import { workspaces } from './workspace.svelte';

/** A kind guessed from a file name (customers first when several are chosen). */
export function kindOfName(name: string): ImportKind | null {
  const n = name.toLowerCase();
  if (/custom|client|account|客户|客戶/.test(n)) return 'customer';
  if (/invoice|bill|发票|發票|账单|帳單/.test(n)) return 'invoice';
  if (/order|sale|订单|訂單|销售|銷售/.test(n)) return 'order';
  if (/complaint|ticket|投诉|投訴/.test(n)) return 'complaint';
  if (/survey|nps|csat|feedback|调查|調查|满意|滿意/.test(n)) return 'survey';
  if (/interaction|contact|visit|call|联系|聯繫|拜访|拜訪/.test(n)) return 'interaction';
  return null;
}

const ORDER: ImportKind[] = ['customer', 'order', 'invoice', 'complaint', 'survey', 'interaction'];

export class ImportState {
  queue = $state.raw<{ file: File; kind: ImportKind }[]>([]);
  preview = $state.raw<ImportPreview | null>(null);
  options = $state.raw<ImportOptions>({ kind: 'customer' });
  busy = $state(false);
  /** The last outcome in words, and whether it is an error. */
  message = $state<{ text: string; error: boolean; issues?: Issue[] } | null>(null);
  history = $state.raw<Batch[]>([]);

  async loadHistory(): Promise<void> {
    const r = await engine().listImports();
    if (r.ok) this.history = r.value;
  }

  /** Files chosen: queued customers first, each with the kind its name suggests (else `kind`). */
  async choose(files: File[], kind: ImportKind): Promise<void> {
    this.queue = files.map((file) => ({ file, kind: kindOfName(file.name) ?? kind })).sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
    this.message = null;
    await this.previewFirst({});
  }

  /** Previews the first queued file again with some options changed. */
  async previewFirst(change: Partial<ImportOptions>): Promise<void> {
    const first = this.queue[0];
    if (!first) return;
    // A new kind means new columns: the mapping starts over.
    const kindChanged = change.kind && change.kind !== this.options.kind;
    const base = this.preview && this.preview.fileName === first.file.name && !kindChanged ? this.options : { kind: change.kind ?? first.kind };
    const options: ImportOptions = { ...base, ...change };
    // A new kind means new fields, a header row read or not new columns: the mapping starts over.
    if (kindChanged || ('header' in change && change.header !== this.options.header)) delete options.mapping;
    this.options = options;
    this.busy = true;
    try {
      const r = await workspaces.track((job, onProgress) => engine().previewImport({ file: first.file, options, job }, onProgress));
      if (r.ok) this.preview = r.value;
      else {
        this.preview = null;
        this.message = { text: t18.t(`error.${r.code}` as MessageKey, { detail: r.detail ?? '' }), error: true, issues: r.issues };
        if (r.code === 'cancelled' || r.code === 'bad_file') this.queue = this.queue.slice(1);
      }
    } finally {
      this.busy = false;
    }
  }

  setField(column: number, field: string | null): Promise<void> {
    const mapping = [...(this.preview?.mapping ?? [])];
    // A field goes to one column: taking it elsewhere frees it here.
    // (Any number of columns can be kept as custom fields.)
    if (field && field !== CUSTOM) for (let i = 0; i < mapping.length; i++) if (mapping[i] === field) mapping[i] = null;
    mapping[column] = field;
    return this.previewFirst({ mapping });
  }

  /** Whether the first row is the column names (the mapping starts over: the columns' names change). */
  setHeader(header: boolean): Promise<void> {
    return this.previewFirst({ header });
  }

  setRules(rules: RowRule[]): Promise<void> {
    return this.previewFirst({ rules });
  }

  /** Whether blank cells of a column reject their row. */
  setRejectBlank(column: number, reject: boolean): Promise<void> {
    const now = this.preview?.rejectBlank ?? [];
    return this.previewFirst({ rejectBlank: reject ? [...new Set([...now, column])] : now.filter((c) => c !== column) });
  }

  setCustomType(column: number, type: CustomType): Promise<void> {
    return this.previewFirst({ customTypes: { ...this.options.customTypes, [column]: type } });
  }

  setCurrency(currency: string): Promise<void> {
    return this.previewFirst({ currency });
  }

  setDateOrder(dateOrder: DateOrder): Promise<void> {
    return this.previewFirst({ dateOrder });
  }

  setEncoding(encoding: Encoding): Promise<void> {
    return this.previewFirst({ encoding });
  }

  async commit(): Promise<void> {
    const p = this.preview;
    if (!p) return;
    this.busy = true;
    try {
      let r = await engine().commitImport({ token: p.token });
      if (!r.ok && r.code === 'stale') {
        await this.previewFirst({});
        if (!this.preview) return;
        r = await engine().commitImport({ token: this.preview.token });
      }
      if (!r.ok) {
        this.message = { text: t18.t(`error.${r.code}` as MessageKey, { detail: r.detail ?? '' }), error: true };
        return;
      }
      await workspaces.refreshSummary();
      this.queue = this.queue.slice(1);
      this.preview = null;
      await this.loadHistory();
      // Told once the history lists the batch, so that what the message says is on the screen.
      this.message = { text: t18.t('import.done', { file: p.fileName, new: p.counts.new, updated: p.counts.updated }), error: false };
      if (this.queue.length) await this.previewFirst({});
    } finally {
      this.busy = false;
    }
  }

  cancel(): void {
    void engine().discardImport();
    this.queue = [];
    this.preview = null;
  }

  async undo(id: string): Promise<void> {
    const r = await engine().undoImport({ id });
    if (!r.ok) {
      this.message = { text: t18.t(`error.${r.code}` as MessageKey, { detail: r.detail ?? '' }), error: true };
      return;
    }
    await workspaces.refreshSummary();
    await this.loadHistory();
    this.message = { text: r.value.keptEdited ? t18.t('import.undoneKept', { count: r.value.keptEdited }) : t18.t('import.undoDone'), error: false };
  }
}
