// Running an audit over the open book: which customers the scope covers, their grades and revenue
// at risk handed to the domain's measures shard by shard (with progress), the findings, how the
// grades moved since the previous audit of the same scope (from the score history on its date),
// and what became of the actions its findings started. The result is a frozen document.

import { measureAudit, type AuditShard } from '../../domain/audit/measure';
import { bookCurrency } from '../book/book-fields';
import { profileDigest } from '../../domain/audit/profiles';
import { findingsOf } from '../../domain/audit/rules';
import { followUpOf } from '../../domain/audit/compare';
import { AUDIT_FORMAT, type Audit, type AuditScope, type AuditSettings, type GradeMovement } from '../../domain/audit/document';
import { dayFromIso } from '../../domain/dates';
import type { GradeLabel } from '../../domain/query';
import { GRADES } from '../../domain/risk/model';
import type { Book } from '../book/book';
import type { Job } from '../session/jobs';
import type { OpenBook } from '../session/open-book';
import { revenueAtRisk } from './stake';
import { readAudit } from '../../storage/audit-repo';

/** Per position, whether the customer is in `scope` (`segment` gives a segment's mask by position). */
export function scopeMask(book: Book, scope: AuditScope, segment: (ref: string) => Uint8Array | null): Uint8Array {
  const t = book.list, n = t.n;
  if (scope.kind === 'book') return new Uint8Array(n).fill(1);
  if (scope.kind === 'segment') return segment(scope.value) ?? new Uint8Array(n);
  const col = t[scope.kind];
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (col[i] === scope.value) mask[i] = 1;
  return mask;
}

/** A shard's name-key hashes (see risk/names.ts) in its rows' order: the book keeps them by position. */
const nameHashes = (keys: readonly number[], at: Int32Array): Float64Array => Float64Array.from(at, (p) => keys[p] ?? 0);

/** The shards as the audit reads them, each with its customers' scope flags, grades, revenue at risk and name keys. */
export function* auditShards(book: Book, mask: Uint8Array): Generator<AuditShard> {
  const t = book.list, atRisk = revenueAtRisk(book), keys = book.risk.nameKeys;
  for (let no = 0; no < book.shardCount; no++) {
    const shard = book.shard(no);
    const { at } = book.positions.of(no);
    if (!shard.customers.n || !at.some((p) => mask[p])) continue;
    yield {
      customers: shard.customers, events: shard.events, nameHash: nameHashes(keys, at),
      include: Uint8Array.from(at, (p) => mask[p]), grade: Array.from(at, (p) => t.grade[p]), atRisk: Float64Array.from(at, (p) => atRisk[p]),
    };
  }
}

/** Works out what the audit reads of every shard's profiles (see domain/audit/profiles.ts) ahead of a run. */
export async function prepareAudit(book: Book, job: Job): Promise<void> {
  const keys = book.risk.nameKeys;
  for (let no = 0; no < book.shardCount; no++) {
    const { at } = book.positions.of(no);
    const customers = book.shard(no).customers;
    if (customers.n) profileDigest(customers, nameHashes(keys, at));
    await job.checkpoint('audit', no, book.shardCount);
  }
}

/** How the scope's customers' grades moved since `previous`'s date: from the score history kept on or before it. */
function movementSince(book: Book, mask: Uint8Array, previous: Audit): GradeMovement {
  const grades: GradeLabel[] = [...GRADES, 'insufficient'];
  // From-rows: the four grades, then 'none' (not graded then: new, or not yet scored).
  const moves = Array.from({ length: GRADES.length + 1 }, () => new Array<number>(grades.length).fill(0));
  const day = dayFromIso(previous.asOf), t = book.list;
  for (let no = 0; no < book.shardCount; no++) {
    const { ids, at } = book.positions.of(no);
    if (!ids?.length) continue;
    const then = book.risk.scoreHistory.gradesOn(no, day);
    for (let r = 0; r < ids.length; r++) {
      const p = at[r];
      if (!mask[p]) continue;
      const to = grades.indexOf(t.grade[p] as GradeLabel);
      if (to >= 0) moves[then.get(ids[r]) ?? GRADES.length][to]++;
    }
  }
  return { previousId: previous.id, previousAsOf: previous.asOf, grades, moves };
}

export interface AuditRequest {
  title: string;
  auditor: string;
  goals: string;
  scope: AuditScope;
}

/** Runs an audit of the open book (nothing written: the caller stores it). */
export async function runAudit(o: OpenBook, req: AuditRequest, settings: AuditSettings, previous: Audit | null, segment: (ref: string) => Uint8Array | null, job: Job): Promise<Audit> {
  const book = o.book;
  const mask = scopeMask(book, req.scope, segment);
  const live = o.models[o.models.length - 1];
  const shards = book.shardCount;
  const measures = await measureAudit(auditShards(book, mask), book.asOf, settings, live.provision, (done) => job.checkpoint('audit', done, shards));
  const findings = findingsOf(measures, settings);
  const now = Date.now();
  return {
    id: crypto.randomUUID(), asOf: book.asOf, scope: req.scope, createdAt: now, format: AUDIT_FORMAT, title: req.title.trim(), auditor: req.auditor.trim(), goals: req.goals.trim(),
    bookName: o.info.name, currency: bookCurrency(o), settings, measures, findings,
    ...(previous ? { previousId: previous.id, movement: movementSince(book, mask, previous), followUp: followUpOf(previous, o.respond.actions.values(), findings) } : {}),
    updatedAt: now,
  };
}

/** A customer-list reference to the customers behind a finding: `audit:<audit id>:<finding key>`. */
export const AUDIT_REF = 'audit:';

/** The positions of the customers behind an audit's finding (those still in the book). */
export async function auditListMask(o: OpenBook, ref: string): Promise<Uint8Array> {
  const [, id, key] = /^audit:([^:]+):(.+)$/.exec(ref) ?? [];
  const mask = new Uint8Array(o.book.list.n);
  const finding = id ? (await readAudit(o.db, id))?.findings.find((f) => f.key === key) : undefined;
  for (const c of finding?.customers.ids ?? []) {
    const p = o.book.positionOf(c);
    if (p !== undefined) mask[p] = 1;
  }
  return mask;
}

/** The KPI dashboard's filters: each one given narrows the customers (all of them apply). */
export interface KpiFilters {
  owner?: string;
  region?: string;
  tier?: string;
  segment?: string;
}

/** The positions of the customers the KPI filters keep. */
export function kpiMask(book: Book, filters: KpiFilters, segment: (ref: string) => Uint8Array | null): Uint8Array {
  let mask = scopeMask(book, { kind: 'book', value: '' }, segment);
  for (const kind of ['owner', 'region', 'tier', 'segment'] as const) {
    const value = filters[kind];
    if (!value) continue;
    const m = scopeMask(book, { kind, value }, segment);
    mask = mask.map((x, i) => x & m[i]);
  }
  return mask;
}
