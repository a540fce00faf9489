// Imports: preview a file against the open book, commit the preview (or a merge's), discard
// it, list the imports and undo one; each import is a batch of the workspace.

import { readBatches } from '../../storage/workspace-repo';
import type { ImportOptions } from '../contract';
import { commitImport, discardImport } from '../import/plan';
import { previewImport } from '../import/preview';
import { undoImport } from '../import/undo';
import { fail, free, ok, read, write } from './wrap';

export const imports = {
  previewImport: read(async (o, { file, options }: { file: File; options: ImportOptions; job?: string }, job) => ok(await previewImport(o, file, options, job))),

  /** Writes the pending preview in one transaction ('stale' when the book changed since). Nothing is written on a failure; the preview stays valid for another try. */
  commitImport: write(async (o, { token }: { token: string }) => {
    const done = await commitImport(o, token);
    return done.ok ? ok(done.batch) : fail(done.code);
  }, { touch: true, settle: 'after' }),

  discardImport: free(async (_: Record<string, never> = {}) => (discardImport(), ok(null))),

  /** The imports and merges of the open workspace, newest first. */
  listImports: read(async (o, _: Record<string, never> = {}) => ok((await readBatches(o.db)).filter((b) => b.kind === 'import'))),

  undoImport: write(async (o, { id }: { id: string }) => {
    const batch = (await readBatches(o.db)).find((b) => b.id === id);
    if (!batch?.import) return fail('not_found');
    if (batch.import.undoneAt) return fail('already_undone');
    const done = await undoImport(o, batch);
    return ok({ batch: done.batch, keptEdited: done.keptEdited });
  }, { touch: true, settle: 'after' }),
};
