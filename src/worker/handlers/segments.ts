// Segments: the book's segmentation, one customer's segments, the segment settings and the
// rule segments (kept in the workspace, read once per book).

import { checkSegmentSettings, settingsFrom, settingsWith, type SegmentSettings } from '../../domain/segments/settings';
import { bookCurrency } from '../book/book-fields';
import { checkRule, type RuleSegment } from '../../domain/segments/rules';
import { INDICATORS } from '../../domain/risk/indicators';
import { readSegmentSetup, writeSegmentSetup } from '../../storage/workspace-repo';
import { bookCustomerSegments, bookSegmentation, bookSegmentMask } from '../book/segments';
import type { Book } from '../book/book';
import { AUDIT_REF, auditListMask } from '../respond/audit-run';
import type { OpenBook } from '../session/open-book';
import { fail, ok, read, write } from './wrap';

interface Setup {
  settings: SegmentSettings;
  rules: RuleSegment[];
}

/** Per book: a new book (generated, restored, reopened, read again) reads its workspace's again. */
const setups = new WeakMap<Book, Promise<Setup>>();
const indicatorIds = INDICATORS.map((d) => d.id);

/** The open workspace's settings and rules, read once per book. */
function setupOf(o: OpenBook): Promise<Setup> {
  let s = setups.get(o.book);
  if (!s) {
    s = readSegmentSetup(o.db).then(({ settings, rules }) => ({
      settings: settingsFrom(settings),
      rules: Array.isArray(rules) ? (rules as RuleSegment[]).filter((r) => r && typeof r.id === 'string' && !checkRule(r, indicatorIds)) : [],
    }));
    setups.set(o.book, s);
  }
  return s;
}

async function store(o: OpenBook, next: Setup): Promise<void> {
  await writeSegmentSetup(o.db, next.settings, next.rules, o.belief);
  setups.set(o.book, Promise.resolve(next));
  o.book.segmentsChanged();
}

/** The membership of a segment for the list, or undefined for none (an unknown reference lists nobody). */
export async function listMask(o: OpenBook, ref: string | undefined): Promise<(() => Uint8Array) | undefined> {
  if (!ref) return undefined;
  if (ref.startsWith(AUDIT_REF)) {
    const mask = await auditListMask(o, ref);
    return () => mask;
  }
  const { settings, rules } = await setupOf(o);
  return () => bookSegmentMask(o.book, ref, settings, rules) ?? new Uint8Array(o.book.list.n);
}

/** The open book's saved segments (for an audit's scope) and their masks by reference. */
export async function segmentsOf(o: OpenBook): Promise<{ rules: readonly RuleSegment[]; mask: (ref: string) => Uint8Array | null }> {
  const { settings, rules } = await setupOf(o);
  return { rules, mask: (ref) => bookSegmentMask(o.book, ref, settings, rules) };
}

export const segments = {
  getSegments: read(async (o, _: Record<string, never> = {}) => {
    const { settings, rules } = await setupOf(o);
    return ok({ ...bookSegmentation(o.book, settings, rules), currency: bookCurrency(o) });
  }),

  getCustomerSegments: read(async (o, { id }: { id: string }) => {
    const at = o.book.positionOf(id);
    if (at === undefined) return fail('not_found');
    return ok(bookCustomerSegments(o.book, at, (await setupOf(o)).settings));
  }),

  listRuleSegments: read(async (o, _: Record<string, never> = {}) => ok((await setupOf(o)).rules)),

  /** Saves a change of some or all settings, merged over the current ones; the merged settings come back ('invalid' with the problem in `detail`). */
  saveSegmentSettings: write(async (o, { settings: change }: { settings: Partial<SegmentSettings> }) => {
    const setup = await setupOf(o);
    const settings = settingsWith(setup.settings, change);
    const problem = checkSegmentSettings(settings);
    if (problem) return fail('invalid', { detail: problem });
    await store(o, { ...setup, settings });
    return ok(settings);
  }),

  /** Adds a rule (a new id) or replaces the one with its id ('invalid' with the problem in `detail`). */
  saveRuleSegment: write(async (o, { rule }: { rule: RuleSegment }) => {
    const clean: RuleSegment = { ...rule, name: rule.name.trim(), id: rule.id || crypto.randomUUID() };
    const problem = checkRule(clean, indicatorIds);
    if (problem) return fail('invalid', { detail: problem });
    const setup = await setupOf(o);
    const rules = setup.rules.some((r) => r.id === clean.id) ? setup.rules.map((r) => (r.id === clean.id ? clean : r)) : [...setup.rules, clean];
    await store(o, { ...setup, rules });
    return ok(clean);
  }),

  deleteRuleSegment: write(async (o, { id }: { id: string }) => {
    const setup = await setupOf(o);
    await store(o, { ...setup, rules: setup.rules.filter((r) => r.id !== id) });
    return ok(null);
  }),
};
