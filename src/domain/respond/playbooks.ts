// Playbooks (DESIGN §1, §4): for a dimension, a response under one of the four strategies as a
// list of steps with due-date offsets. The shipped ones are in the three interface languages;
// the user edits them in the app and shares them as a validated JSON document, like the model.

import { DIMENSIONS, INDICATORS, type Dimension, type IndicatorId } from '../risk/indicators';
import { LOCALES, type Locale } from '../types';
import { STRATEGIES, dueFrom, TITLE_MAX, type Strategy } from './actions';
import { DEFAULT_PLAYBOOKS } from './default-playbooks';

/** Words in one language, or in several (the shipped playbooks): shown in the user's, else English, else any. */
export type Text = string | Partial<Record<Locale, string>>;

export interface PlaybookStep {
  offsetDays: number;
  title: Text;
  /** The step's own strategy, when it differs from the playbook's. */
  strategy?: Strategy;
}

export interface Playbook {
  id: string;
  dimension: Dimension;
  strategy: Strategy;
  name: Text;
  /** The indicators it answers best: a reason led by one of them proposes it first. */
  indicators?: IndicatorId[];
  steps: PlaybookStep[];
}

export const PLAYBOOKS_FORMAT = 1;
export const MAX_OFFSET_DAYS = 365;
export const MAX_STEPS = 20;

export interface PlaybooksDoc {
  format: 'custos-playbooks';
  version: number;
  playbooks: Playbook[];
}

export { DEFAULT_PLAYBOOKS };

export function textIn(text: Text, locale: string): string {
  if (typeof text === 'string') return text;
  return text[locale as Locale] ?? text.en ?? Object.values(text).find(Boolean) ?? '';
}

/** The text with the words of one language replaced (the others kept, so a shared file stays trilingual where it was). */
export function withText(text: Text, locale: string, words: string): Text {
  if (typeof text === 'string') return words;
  return { ...text, [locale]: words };
}

export type PlaybookProblem = { code: 'playbooks_not_json' | 'playbooks_not_playbooks' } | { code: 'playbooks_newer'; detail: string } | { code: PlaybookIssueCode; detail: string; at: number };
type PlaybookIssueCode = 'playbooks_unknown_dimension' | 'playbooks_bad_strategy' | 'playbooks_bad_name' | 'playbooks_bad_offset' | 'playbooks_no_steps' | 'playbooks_bad_step' | 'playbooks_duplicate' | 'playbooks_unknown_indicator';

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const KNOWN_INDICATORS = new Set<string>(INDICATORS.map((d) => d.id));

function textOk(x: unknown): x is Text {
  if (typeof x === 'string') return x.trim().length > 0 && x.length <= TITLE_MAX;
  if (!isObj(x)) return false;
  const entries = Object.entries(x);
  return entries.length > 0 && entries.every(([k, v]) => (LOCALES as readonly string[]).includes(k) && typeof v === 'string' && v.trim().length > 0 && v.length <= TITLE_MAX);
}

/** One playbook checked; `at` is its place in the document (1-based) for the message. */
function checkPlaybook(p: unknown, at: number): { ok: true; playbook: Playbook } | { ok: false; problem: PlaybookProblem } {
  const bad = (code: PlaybookIssueCode, detail: string) => ({ ok: false as const, problem: { code, detail, at } });
  if (!isObj(p) || typeof p.id !== 'string' || !/^[\w.-]{1,60}$/.test(p.id)) return bad('playbooks_bad_name', String(isObj(p) ? p.id : at));
  if (!(DIMENSIONS as readonly unknown[]).includes(p.dimension)) return bad('playbooks_unknown_dimension', String(p.dimension));
  if (!(STRATEGIES as readonly unknown[]).includes(p.strategy)) return bad('playbooks_bad_strategy', String(p.strategy));
  if (!textOk(p.name)) return bad('playbooks_bad_name', p.id);
  if (p.indicators !== undefined && (!Array.isArray(p.indicators) || p.indicators.some((i) => !KNOWN_INDICATORS.has(i)))) {
    return bad('playbooks_unknown_indicator', String((p.indicators as unknown[]).find?.((i) => !KNOWN_INDICATORS.has(i as string)) ?? p.indicators));
  }
  if (!Array.isArray(p.steps) || !p.steps.length || p.steps.length > MAX_STEPS) return bad('playbooks_no_steps', p.id);
  const steps: PlaybookStep[] = [];
  for (const s of p.steps) {
    if (!isObj(s) || !textOk(s.title)) return bad('playbooks_bad_step', p.id);
    if (typeof s.offsetDays !== 'number' || !Number.isInteger(s.offsetDays) || s.offsetDays < 0 || s.offsetDays > MAX_OFFSET_DAYS) return bad('playbooks_bad_offset', `${p.id}: ${String(s.offsetDays)}`);
    if (s.strategy !== undefined && !(STRATEGIES as readonly unknown[]).includes(s.strategy)) return bad('playbooks_bad_strategy', String(s.strategy));
    steps.push({ offsetDays: s.offsetDays, title: s.title, ...(s.strategy ? { strategy: s.strategy as Strategy } : {}) });
  }
  steps.sort((a, b) => a.offsetDays - b.offsetDays);
  const indicators = p.indicators as IndicatorId[] | undefined;
  return { ok: true, playbook: { id: p.id, dimension: p.dimension as Dimension, strategy: p.strategy as Strategy, name: p.name, ...(indicators?.length ? { indicators } : {}), steps } };
}

/** The playbooks of a file (text or parsed): every one checked; anything invalid refuses the whole file, saying which and why. */
export function parsePlaybooks(input: unknown): { ok: true; playbooks: Playbook[] } | { ok: false; problem: PlaybookProblem } {
  let doc = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch {
      return { ok: false, problem: { code: 'playbooks_not_json' } };
    }
  }
  if (!isObj(doc) || doc.format !== 'custos-playbooks' || typeof doc.version !== 'number' || !Array.isArray(doc.playbooks)) return { ok: false, problem: { code: 'playbooks_not_playbooks' } };
  if (doc.version > PLAYBOOKS_FORMAT) return { ok: false, problem: { code: 'playbooks_newer', detail: String(doc.version) } };
  const playbooks: Playbook[] = [];
  const ids = new Set<string>();
  for (const [i, p] of doc.playbooks.entries()) {
    const r = checkPlaybook(p, i + 1);
    if (!r.ok) return r;
    if (ids.has(r.playbook.id)) return { ok: false, problem: { code: 'playbooks_duplicate', detail: r.playbook.id, at: i + 1 } };
    ids.add(r.playbook.id);
    playbooks.push(r.playbook);
  }
  return { ok: true, playbooks };
}

export const playbooksDoc = (playbooks: Playbook[]): PlaybooksDoc => ({ format: 'custos-playbooks', version: PLAYBOOKS_FORMAT, playbooks });

/** The playbooks proposed for a reason, best first: those naming its indicator, then the rest of its dimension. */
export function proposed(playbooks: readonly Playbook[], dimension: Dimension, indicator?: string): Playbook[] {
  const of = playbooks.filter((p) => p.dimension === dimension);
  const named = of.filter((p) => indicator && p.indicators?.includes(indicator as IndicatorId));
  return [...named, ...of.filter((p) => !named.includes(p))];
}

/** The actions a start of `p` on `start` creates: one per step, due its offset later, in the user's language. */
export function stepsOf(p: Playbook, start: string, locale: string): { title: string; due: string; strategy: Strategy; step: number }[] {
  return p.steps.map((s, k) => ({ title: textIn(s.title, locale), due: dueFrom(start, s.offsetDays), strategy: s.strategy ?? p.strategy, step: k }));
}
