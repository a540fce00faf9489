// The suspected duplicates of the open book as pairs a user can merge: two customers sharing a
// name key (names alike once case, spaces, punctuation and legal forms are set aside), phone
// digits or an e-mail address, each pair with every reason it was matched by. The audit counts
// duplicates by the same keys (see audit/profiles.ts).

import type { StrColumn } from '../../domain/columns';
import { profileDigest } from '../../domain/audit/profiles';
import type { OpenBook } from '../session/open-book';
import type { DuplicatePair, PairSide } from '../contract';

type Reason = DuplicatePair['reasons'][number];
/** A key shared by more customers than this is a placeholder (a switchboard number, "n/a"), not a duplicate. */
const CROWD = 12;

export function duplicatePairs(o: OpenBook, dismissed: ReadonlySet<string>, limit = 500): { total: number; pairs: DuplicatePair[] } {
  const groups = new Map<string, { no: number; row: number }[]>();
  for (let no = 0; no < o.book.shardCount; no++) {
    const shard = o.book.shard(no);
    const d = profileDigest(shard.customers);
    for (let row = 0; row < shard.customers.n; row++) {
      for (const [reason, keys] of [['name', d.name], ['phone', d.phone], ['email', d.email]] as const) {
        if (!keys[row]) continue;
        const key = `${reason}:${keys[row]}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = []));
        g.push({ no: shard.no, row });
      }
    }
  }
  const pairs = new Map<string, { a: { no: number; row: number }; b: { no: number; row: number }; reasons: Reason[] }>();
  const idOf = (p: { no: number; row: number }) => { const c = o.book.shard(p.no).customers.cols.id as StrColumn; return c.dict[c.idx[p.row]]; };
  for (const [key, g] of groups) {
    if (g.length < 2 || g.length > CROWD) continue;
    const reason = key.slice(0, key.indexOf(':')) as Reason;
    for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) {
      const [a, b] = [g[i], g[j]].sort((x, y) => (idOf(x) < idOf(y) ? -1 : 1));
      const k = `${idOf(a)}\u0000${idOf(b)}`;
      if (dismissed.has(k)) continue;
      const p = pairs.get(k);
      if (p) p.reasons.push(reason);
      else pairs.set(k, { a, b, reasons: [reason] });
    }
  }
  const side = (p: { no: number; row: number }): PairSide => {
    const c = o.book.customer(idOf(p))!;
    const row = o.book.rowOfCustomer(c.id);
    return { id: c.id, name: c.name, owner: c.owner, region: c.region, phone: c.phone, email: c.email, updatedAt: c.updatedAt, revenue12m: row?.revenue12m ?? 0, grade: row?.grade ?? null };
  };
  const all = [...pairs.values()].sort((x, y) => y.reasons.length - x.reasons.length || (idOf(x.a) < idOf(y.a) ? -1 : 1));
  return { total: all.length, pairs: all.slice(0, limit).map((p) => ({ a: side(p.a), b: side(p.b), reasons: p.reasons })) };
}
