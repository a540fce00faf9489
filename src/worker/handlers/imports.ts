// The import part of the engine's API (see import.ts): preview, commit, undo and the history
// of imports, each a batch of the workspace.

import type { Batch } from '../../domain/types';
import { readBatches } from '../../storage/workspace-repo';
import type { Result } from '../contract';
import { commitImport, discardImport, previewImport, undoImport } from '../import/plan';
import type { ImportOptions, ImportPreview } from '../contract';
import { isFileProblem } from '../import/file';
import { Job, type OnProgress } from '../session/jobs';
import { tellOtherTabs } from '../session/notices';
import { failure, serial, session, settle, touch } from '../session/session';

export const importApi = {
  async previewImport({ file, options, job }: { file: File; options: ImportOptions; job?: string }, onProgress?: OnProgress): Promise<Result<ImportPreview>> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    const j = new Job(job, onProgress);
    try {
      return { ok: true, value: await previewImport(o, file, options, j) };
    } catch (err) {
      if (isFileProblem(err)) return { ok: false, code: 'bad_file', detail: err.code, issues: [{ code: `file.${err.code}`, params: err.params }] };
      return failure(err);
    } finally {
      j.done();
    }
  },

  async commitImport({ token }: { token: string }): Promise<Result<Batch>> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    try {
      const done = await serial(() => commitImport(o, token));
      if (!done.ok) return { ok: false, code: done.code };
      await touch(o);
      // History, facts and alerts are saved after the answer has gone (they pack every shard).
      setTimeout(() => void settle(o), 0);
      tellOtherTabs(o.info.dbName);
      return { ok: true, value: done.batch };
    } catch (err) {
      // Nothing was written (one transaction); the preview stays valid for another try.
      return failure(err);
    }
  },

  async discardImport(): Promise<void> {
    discardImport();
  },

  async importHistory(): Promise<Batch[]> {
    const o = session.open;
    return o ? (await readBatches(o.db)).filter((b) => b.kind === 'import') : [];
  },

  async undoImport({ id }: { id: string }): Promise<Result<{ batch: Batch; keptEdited: number }>> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    const batch = (await readBatches(o.db)).find((b) => b.id === id);
    if (!batch?.import) return { ok: false, code: 'not_found' };
    if (batch.import.undoneAt) return { ok: false, code: 'already_undone' };
    try {
      const done = await serial(() => undoImport(o, batch));
      await touch(o);
      void settle(o);
      tellOtherTabs(o.info.dbName);
      return { ok: true, value: { batch: done.batch, keptEdited: done.keptEdited } };
    } catch (err) {
      return failure(err);
    }
  },
};
