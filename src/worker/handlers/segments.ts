// The segmentation part of the engine's API (see segments.ts): the book's segments, one
// customer's, the segment settings and the rule segments (kept in the workspace).

import type { Result } from '../contract';
import { openToday, serial, session, type Open } from '../session/session';
import { bookCustomerSegments, bookSegmentation, bookSegmentMask } from '../book/segments';
import type { CustomerSegments, Segmentation } from '../contract';
import { checkSegmentSettings, settingsFrom, settingsWith, type SegmentSettings, type SettingsProblem } from '../../domain/segments/settings';
import { checkRule, type RuleProblem, type RuleSegment } from '../../domain/segments/rules';
import { INDICATORS } from '../../domain/risk/indicators';
import { readSegmentSetup, writeSegmentSetup } from '../../storage/workspace-repo';

interface Setup {
  settings: SegmentSettings;
  rules: RuleSegment[];
}

/** Per book: a new book (generated, restored, reopened) reads its workspace's again. */
const setups = new WeakMap<Open['book'], Promise<Setup>>();
const indicatorIds = INDICATORS.map((d) => d.id);

/** The open workspace's settings and rules, read once per book. */
export function setupOf(o: Open): Promise<Setup> {
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

async function store(o: Open, next: Setup): Promise<void> {
  await serial(() => writeSegmentSetup(o.db, next.settings, next.rules));
  setups.set(o.book, Promise.resolve(next));
  o.book.segmentsChanged();
}

/** The membership of a segment for the list, or undefined for none (an unknown reference lists nobody). */
export async function listMask(o: Open, ref: string | undefined): Promise<(() => Uint8Array) | undefined> {
  if (!ref) return undefined;
  const { settings, rules } = await setupOf(o);
  return () => bookSegmentMask(o.book, ref, settings, rules) ?? new Uint8Array(o.book.list.n);
}

export const segmentsApi = {
  async segments(): Promise<Segmentation | null> {
    const o = openToday();
    if (!o) return null;
    const { settings, rules } = await setupOf(o);
    return bookSegmentation(o.book, settings, rules);
  },

  async customerSegments({ id }: { id: string }): Promise<Result<CustomerSegments>> {
    const o = session.open;
    const at = o?.book.positionOf(id);
    if (!o || at === undefined) return { ok: false, code: 'not_found' };
    return { ok: true, value: bookCustomerSegments(o.book, at, (await setupOf(o)).settings) };
  },

  async ruleSegments(): Promise<RuleSegment[]> {
    return session.open ? (await setupOf(session.open)).rules : [];
  },

  /** Saves a change of some or all settings, merged over the current ones; the merged settings come back. */
  async saveSegmentSettings({ settings: change }: { settings: Partial<SegmentSettings> }): Promise<Result<SegmentSettings> & { problem?: SettingsProblem }> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    const setup = await setupOf(o);
    const settings = settingsWith(setup.settings, change);
    const problem = checkSegmentSettings(settings);
    if (problem) return { ok: false, code: 'invalid', problem };
    await store(o, { ...setup, settings });
    return { ok: true, value: settings };
  },

  /** Adds a rule (a new id) or replaces the one with its id. */
  async saveRuleSegment({ rule }: { rule: RuleSegment }): Promise<Result<RuleSegment> & { problem?: RuleProblem }> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    const clean: RuleSegment = { ...rule, name: rule.name.trim(), id: rule.id || crypto.randomUUID() };
    const problem = checkRule(clean, indicatorIds);
    if (problem) return { ok: false, code: 'invalid', problem };
    const setup = await setupOf(o);
    const rules = setup.rules.some((r) => r.id === clean.id) ? setup.rules.map((r) => (r.id === clean.id ? clean : r)) : [...setup.rules, clean];
    await store(o, { ...setup, rules });
    return { ok: true, value: clean };
  },

  async deleteRuleSegment({ id }: { id: string }): Promise<Result<null>> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    const setup = await setupOf(o);
    await store(o, { ...setup, rules: setup.rules.filter((r) => r.id !== id) });
    return { ok: true, value: null };
  },
};
