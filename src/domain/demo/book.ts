// Demo books generated from a seed (workshop, team, stress), with planted risk stories a
// trainer can find. Deterministic: the same spec always yields the same book.

import { addDays } from '../dates';
import { createRng, mixSeed } from '../random';
import type { BatchId, Customer, CustomerId, IsoDate, Locale, NewEvent, Size, Tier } from '../types';
import { anchor, collected, complaintHeavy, fading, latePayer, lostWithDebt, ordinary, steady, type Ctx } from './events';
import { VOCABULARY, companyOf, nameSpace, variantName } from './names';
import { generateRetail } from './retail';

/**
 * The demo books. `history`: generated with a year of monthly score history (the stress book,
 * which measures the budgets of a book as it is imported, is not: 1.3 million snapshots would
 * make it a minute slower to generate and slower to open than the budget allows).
 */
export const DEMO_BOOKS = {
  workshop: { customers: 200, perCustomer: 25, anchorOrders: 120, history: true },
  team: { customers: 10_000, perCustomer: 10, anchorOrders: 500, history: true },
  stress: { customers: 100_000, perCustomer: 10, anchorOrders: 500, history: false },
  /** The audit demo (see retail.ts): a retail chain in two states six months apart. */
  retail: { customers: 240, perCustomer: 30, anchorOrders: 0, history: true },
} as const;
export type DemoBook = keyof typeof DEMO_BOOKS;

export { DEMO_SEED } from './seed';

export interface DemoSpec {
  book: DemoBook;
  seed: number;
  locale: Locale;
  /** The day the book is "today": histories end here. */
  asOf: IsoDate;
}

export interface DemoCustomer {
  customer: Customer;
  events: NewEvent[];
}

/** Which customers carry which planted story. */
export interface DemoStories {
  steady: CustomerId[];
  latePayers: CustomerId[];
  fading: CustomerId[];
  complaintHeavy: CustomerId[];
  missingFields: CustomerId[];
  /** [original, duplicate] pairs: same company typed twice, same phone. */
  duplicates: [CustomerId, CustomerId][];
  anchor: CustomerId;
  /** Stopped ordering about 550 days ago, leaving the last invoice unpaid. */
  lostWithDebt: CustomerId;
  /** A large invoice ran 100+ days past due until it was collected, 45 days ago (the demo's responses show the collection round). */
  recovered: CustomerId[];
  /** Window of the detractor wave that followed the bad quarter. */
  detractorWave: { from: IsoDate; to: IsoDate };
}

// Index ranges of the planted stories (index = generation order, not id order).
const STEADY = [0, 5], LATE = [5, 8], FADING = [8, 11], COMPLAINTS = [11, 14], MISSING = [14, 19], DUPES = [19, 22];
const ANCHOR = 22, LOST = 23, RECOVERED = [24, 26];
const DUPE_OF = (i: number) => 30 + (i - DUPES[0]) * 10;
const in_ = (i: number, [a, b]: number[]) => i >= a && i < b;
const range = ([a, b]: number[]) => Array.from({ length: b - a }, (_, k) => a + k);

export const DEMO_BATCH = 'demo' as BatchId;

/** Customer id of index i: a permutation, so that stories are scattered through the id order. */
export function demoId(spec: DemoSpec, i: number): CustomerId {
  const n = DEMO_BOOKS[spec.book].customers;
  return `C${String(((i * 7919) % n) + 1).padStart(6, '0')}` as CustomerId;
}

export function demoStories(spec: DemoSpec): DemoStories {
  const id = (i: number) => demoId(spec, i);
  return {
    steady: range(STEADY).map(id),
    latePayers: range(LATE).map(id),
    fading: range(FADING).map(id),
    complaintHeavy: range(COMPLAINTS).map(id),
    missingFields: range(MISSING).map(id),
    duplicates: range(DUPES).map((i) => [id(DUPE_OF(i)), id(i)]),
    anchor: id(ANCHOR),
    lostWithDebt: id(LOST),
    recovered: range(RECOVERED).map(id),
    detractorWave: { from: addDays(spec.asOf, -150), to: addDays(spec.asOf, -60) },
  };
}

export function profile(spec: DemoSpec, i: number): Customer {
  const vocab = VOCABULARY[spec.locale];
  const r = createRng(mixSeed(spec.seed, i, 1));
  const company = companyOf(vocab, (i * 7001) % nameSpace(vocab));
  const digits = String(r.int(0, 99_999)).padStart(5, '0') + String(r.int(0, 99_999)).padStart(5, '0');
  const size = r.pick(['large', 'medium', 'medium', 'small', 'small', 'small'] as const);
  const tier: Tier = r.chance(0.1) ? 'key' : r.chance(0.65) ? 'general' : 'potential';
  const id = demoId(spec, i);
  const terms = r.pick([30, 30, 45, 60]);
  return {
    id, name: company.name, industry: company.industry, size, region: company.region, owner: r.pick(vocab.owners), tier,
    since: addDays(spec.asOf, -r.int(400, 3000)),
    creditLimit: { large: 500_000_00, medium: 100_000_00, small: 20_000_00 }[size],
    currency: vocab.currency, paymentTermsDays: terms,
    contractEnd: r.chance(0.4) ? addDays(spec.asOf, r.int(-60, 400)) : '',
    tags: r.chance(0.5) ? [r.pick(vocab.tags)] : [], notes: '',
    contact: vocab.person(r.pick(vocab.surnames), r.pick(vocab.given)), phone: vocab.phone(digits),
    email: `${id.toLowerCase()}@example.com`, batch: DEMO_BATCH, updatedAt: 0,
  };
}

const ORDER_SIZE: Record<Size | '', number> = { large: 60_000_00, medium: 12_000_00, small: 2_500_00, '': 5_000_00 };

function storyOf(spec: DemoSpec, i: number, customer: Customer): Customer {
  if (in_(i, STEADY)) return { ...customer, tier: 'key', size: 'large', creditLimit: 2_000_000_00 };
  // Customers of long standing: two years of history before the story.
  if (in_(i, FADING)) return { ...customer, tier: 'key', since: addDays(spec.asOf, -1500) };
  if (i === LOST) return { ...customer, since: addDays(spec.asOf, -1200) };
  if (in_(i, MISSING)) return { ...customer, industry: '', region: '', owner: '', size: '', contact: '', phone: '', email: '' };
  if (in_(i, DUPES)) {
    const original = profile(spec, DUPE_OF(i));
    return { ...customer, name: variantName(spec.locale, original.name), phone: original.phone, contact: original.contact, since: addDays(spec.asOf, -200) };
  }
  if (i === ANCHOR) return { ...customer, tier: 'key', size: 'large', creditLimit: null };
  return customer;
}

function customerAt(spec: DemoSpec, i: number, anchorRevenue: number, wave: DemoStories['detractorWave']): DemoCustomer {
  const customer = storyOf(spec, i, profile(spec, i));
  const rng = createRng(mixSeed(spec.seed, i, 2));
  const size = DEMO_BOOKS[spec.book];
  const ctx: Ctx = {
    rng, id: customer.id, asOf: spec.asOf, batch: DEMO_BATCH, vocab: VOCABULARY[spec.locale],
    start: customer.since > addDays(spec.asOf, -730) ? customer.since : addDays(spec.asOf, -730),
    terms: customer.paymentTermsDays ?? 30, orderSize: ORDER_SIZE[customer.size], perCustomer: size.perCustomer,
    wave: i > LOST && rng.chance(0.3) ? wave : null,
  };
  let events: NewEvent[];
  if (in_(i, STEADY)) events = steady(ctx);
  else if (in_(i, LATE)) events = latePayer(ctx);
  else if (in_(i, FADING)) events = fading(ctx);
  else if (in_(i, COMPLAINTS)) events = complaintHeavy(ctx);
  else if (i === ANCHOR) events = anchor(ctx, size.anchorOrders, anchorRevenue);
  else if (i === LOST) events = lostWithDebt(ctx);
  else if (in_(i, RECOVERED)) events = collected(ctx);
  else events = ordinary(ctx);
  return { customer, events };
}

/**
 * Every customer of the book with its events. The anchor account comes last because its
 * revenue is set to half of everybody else's (so it holds a third of the total).
 */
export function* generateBook(spec: DemoSpec): Generator<DemoCustomer> {
  if (spec.book === 'retail') return yield* generateRetail(spec);
  const wave = demoStories(spec).detractorWave;
  let revenue = 0;
  for (let i = 0; i < DEMO_BOOKS[spec.book].customers; i++) {
    if (i === ANCHOR) continue;
    const c = customerAt(spec, i, 0, wave);
    for (const e of c.events) if (e.kind === 'order') revenue += e.amount;
    yield c;
  }
  yield customerAt(spec, ANCHOR, revenue / 2, wave);
}
