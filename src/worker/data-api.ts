// Export, backup, restore and merge: the part of the engine's API through which data leaves
// the device as files the user saves, and comes back (DESIGN §6).

import type { Result } from './api';
import { exportRecords, type ExportFile, type ExportOptions } from './export';
import { Job, type OnProgress } from './jobs';
import { failure, session } from './session';

export const dataApi = {
  async exportRecords({ options, job }: { options: ExportOptions; job?: string }, onProgress?: OnProgress): Promise<Result<ExportFile>> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    const j = new Job(job, onProgress);
    try {
      return { ok: true, value: await exportRecords(o, options, j) };
    } catch (err) {
      return failure(err);
    } finally {
      j.done();
    }
  },
};
