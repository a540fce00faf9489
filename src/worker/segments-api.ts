// The segmentation part of the engine's API (see segments.ts).

import type { Result } from './api';
import { session } from './session';
import { customerSegments, segmentation, type CustomerSegments, type Segmentation } from './segments';

export const segmentsApi = {
  async segments(): Promise<Segmentation | null> {
    const o = session.open;
    return o ? segmentation(o.book) : null;
  },

  async customerSegments({ id }: { id: string }): Promise<Result<CustomerSegments>> {
    const o = session.open;
    const at = o?.book.positionOf(id);
    if (!o || at === undefined) return { ok: false, code: 'not_found' };
    return { ok: true, value: customerSegments(o.book, at) };
  },
};
