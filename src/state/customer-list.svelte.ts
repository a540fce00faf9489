// The customer list as the screen sees it: the query, the total, and the pages fetched so
// far from the worker (which alone filters and sorts all customers).

import { DEFAULT_QUERY, defaultDir, type CustomerRow, type FilterField, type ListQuery, type SortKey } from '../domain/query';
import type { CustomCondition } from '../domain/custom-fields';
import type { RuleSegment } from '../domain/segments/rules';
import { engine } from '../worker/client';
import { me } from './me.svelte';

export const PAGE = 100;

/** The list as it first opens: riskiest first. */
export const LIST_START: ListQuery = { ...DEFAULT_QUERY, sort: 'score', dir: 'desc' };

// The user's search, filters and order, per book, for as long as the tab lives: coming back to the list shows it as they left it.
const memoryKey = (book: string) => `custos.list.${book}`;
function remembered(book: string | undefined): ListQuery | null {
  if (!book) return null;
  try {
    const q = JSON.parse(globalThis.sessionStorage?.getItem(memoryKey(book)) ?? 'null') as ListQuery | null;
    return q && typeof q.sort === 'string' && q.filters && typeof q.filters === 'object' ? q : null;
  } catch {
    return null;
  }
}
type Facets = Record<FilterField, [string, number][]>;

export class CustomerListState {
  query: ListQuery = $state.raw(LIST_START);
  total = $state(0);
  pages = $state.raw(new Map<number, CustomerRow[]>());
  facets = $state.raw<Facets | null>(null);
  loaded = $state(false);
  /** The workspace's rule segments, offered as saved filters. */
  rules = $state.raw<RuleSegment[]>([]);
  private generation = 0;
  private pending = new Set<number>();

  /**
   * Starts from the query the user left this book's list with (none: riskiest first); a list
   * opened for a grade or a segment (a drill-down) starts afresh with just that, in the user's order.
   */
  constructor(private book?: string, drill: { grade?: string; segment?: string; aging?: string } = {}) {
    const kept = remembered(book);
    if (drill.grade || drill.segment || drill.aging) this.query = { ...LIST_START, sort: kept?.sort ?? LIST_START.sort, dir: kept?.dir ?? LIST_START.dir };
    else this.query = kept ?? LIST_START;
  }

  /** Keeps the query for the next visit. */
  remember(): void {
    if (this.book) globalThis.sessionStorage?.setItem(memoryKey(this.book), JSON.stringify(this.query));
  }

  row(i: number): CustomerRow | undefined {
    return this.pages.get(Math.floor(i / PAGE))?.[i % PAGE];
  }

  /** The query as asked of the engine: with "only mine" on, the user's own customers (unless an owner is chosen). */
  get shown(): ListQuery {
    const owner = me.owner;
    return owner && !this.query.filters.owner ? { ...this.query, filters: { ...this.query.filters, owner } } : this.query;
  }

  /** Starts over for a new query or changed data: fetches the first page and the facets. */
  async reload(): Promise<void> {
    const gen = ++this.generation;
    this.pending.clear();
    const r = await engine().queryCustomers({ query: this.shown, offset: 0, limit: PAGE });
    if (gen !== this.generation) return;
    const first = r.ok ? r.value : { total: 0, rows: [] };
    this.total = first.total;
    this.pages = new Map([[0, first.rows]]);
    this.loaded = true;
    // Facets only fill the filter menus: asked after the first page is on its way to the screen.
    const [facets, rules] = await Promise.all([engine().getFacets(), engine().listRuleSegments()]);
    if (gen !== this.generation) return;
    this.facets = facets.ok ? facets.value : null;
    this.rules = rules.ok ? rules.value : [];
  }

  /** Makes sure rows `start`..`end` are fetched (or on their way). */
  ensure(start: number, end: number): void {
    for (let p = Math.floor(start / PAGE); p <= Math.floor(end / PAGE); p++) {
      if (this.pages.has(p) || this.pending.has(p)) continue;
      this.pending.add(p);
      const gen = this.generation;
      void engine()
        .queryCustomers({ query: this.shown, offset: p * PAGE, limit: PAGE })
        .then((page) => {
          this.pending.delete(p);
          if (gen === this.generation && page.ok) this.pages = new Map(this.pages).set(p, page.value.rows);
        });
    }
  }

  setSearch(search: string): void {
    this.query = { ...this.query, search };
  }

  setFilter(field: FilterField, value: string): void {
    const filters = { ...this.query.filters };
    if (value) filters[field] = value;
    else delete filters[field];
    this.query = { ...this.query, filters };
  }

  /** Lists only a segment's customers ('' for all). */
  setSegment(segment: string): void {
    const { segment: _, ...rest } = this.query;
    this.query = segment ? { ...rest, segment } : rest;
  }

  clearFilters(): void {
    const { segment: _, custom: __, ...rest } = this.query;
    this.query = { ...rest, filters: {} };
  }

  /** Lists only the customers whose custom field meets `condition` (null: no such condition). */
  setCustom(condition: CustomCondition | null): void {
    const { custom: _, ...rest } = this.query;
    this.query = condition ? { ...rest, custom: condition } : rest;
  }

  /**
   * Saves the current filters and segment as a rule segment called `name`, and lists it.
   * Returns the problem code when the rule cannot be saved.
   */
  async saveAsRule(name: string): Promise<string | null> {
    const current = this.query.segment;
    const inner = current?.startsWith('rule:') ? this.rules.find((r) => `rule:${r.id}` === current) : undefined;
    const rule: RuleSegment = inner
      ? { ...inner, id: '', name, filters: { ...inner.filters, ...this.query.filters } }
      : { id: '', name, filters: { ...this.query.filters }, ...(current ? { segment: current } : {}) };
    if (this.query.custom) rule.custom = this.query.custom;
    const saved = await engine().saveRuleSegment({ rule });
    if (!saved.ok) return saved.detail ?? saved.code;
    this.rules = [...this.rules, saved.value];
    const { custom: _, ...rest } = this.query;
    this.query = { ...rest, filters: {}, segment: `rule:${saved.value.id}` };
    return null;
  }

  /** Sorts by `key`; choosing the current key again flips the direction. */
  sortBy(key: SortKey): void {
    const dir = this.query.sort === key ? (this.query.dir === 'asc' ? 'desc' : 'asc') : defaultDir(key);
    this.query = { ...this.query, sort: key, dir };
  }
}
