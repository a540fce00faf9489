// The open workspace: its registry entry, its database and the book in memory, built in one
// place (open, create) and read again in one (reload). The session holds at most one; its
// day follows the clock (on open, on every call, and at midnight while it stays open).

import { isoFromDay, NO_DAY } from '../../domain/dates';
import type { RiskModel } from '../../domain/risk/model';
import type { Alert } from '../../domain/risk/alerts';
import { WorkspaceDB, type WorkspaceInfo } from '../../storage/databases';
import { putWorkspaceInfo } from '../../storage/registry-repo';
import { readSeq, type Belief } from '../../storage/workspace-repo';
import type { BookSummary } from '../contract';
import type { Book } from '../book/book';
import { load, type Loaded } from '../book/load';
import { bookCurrency, currenciesOf } from '../book/book-fields';
import { Responses } from '../respond/responses';
import { asOfDay, atEveryMidnight } from './clock';
import { notify } from './notices';
import { settle } from './settle';
import { timings } from './writes';

function databaseOf(info: WorkspaceInfo): WorkspaceDB {
  return new WorkspaceDB(info.dbName, () => notify({ type: 'versionchange' }));
}

export class OpenBook {
  book!: Book;
  /** Every published model, oldest first (the last is live). */
  models!: RiskModel[];
  /** Live alerts (open or acknowledged) by customer and rule. */
  alerts!: Map<string, Alert>;
  /** Settles once `alerts` holds what is stored (read after the book is shown). */
  alertsRead!: Promise<void>;
  /** Actions, reviews, playbooks and the review cadence. */
  respond!: Responses;
  /** The write sequence this tab believes is stored: every guarded write carries it (see `Belief`). */
  readonly belief: Belief = { seq: 0 };
  private stopClock: () => void = () => {};

  private constructor(public info: WorkspaceInfo, readonly db: WorkspaceDB, loaded: Loaded) {
    this.take(loaded);
  }

  private take(loaded: Loaded): void {
    this.book = loaded.book;
    this.models = loaded.models;
    this.alerts = loaded.alerts;
    this.alertsRead = loaded.alertsRead;
    this.respond = loaded.respond;
    this.belief.seq = loaded.seq;
  }

  /** Reads a listed workspace into memory. */
  static async open(info: WorkspaceInfo, locale: string): Promise<OpenBook> {
    const db = databaseOf(info);
    try {
      const t0 = performance.now();
      const loaded = await load(db, locale, asOfDay());
      timings.openMs = performance.now() - t0;
      return new OpenBook(info, db, loaded);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /** A new workspace: `fill` writes its database and gives its book; on any failure the database is deleted again. */
  static async create(info: WorkspaceInfo, fill: (db: WorkspaceDB) => Promise<Made>): Promise<OpenBook> {
    const db = databaseOf(info);
    try {
      return new OpenBook(info, db, fresh(await fill(db)));
    } catch (err) {
      db.close();
      await db.delete().catch(() => undefined);
      throw err;
    }
  }

  /** Reads the workspace again (another tab changed it; an undo removed customers). */
  async reload(): Promise<void> {
    this.take(await load(this.db, this.book.locale, asOfDay()));
  }

  /** Reads the workspace again if another tab wrote to it since this one read or wrote it; true when it did. Run under the book's lock. */
  async catchUp(): Promise<boolean> {
    if ((await readSeq(this.db)) === this.belief.seq) return false;
    await this.reload();
    return true;
  }

  /** Puts a book written afresh (a demo reset) in place of the old one, with nothing of the old one's. */
  replace(made: Made): void {
    this.take(fresh(made, this.belief.seq));
  }

  /**
   * Moves the book to the clock's day; true when the day had changed: figures were recomputed,
   * and the new day's snapshots, firings and facts are being saved as after any rescore.
   */
  moveToToday(): boolean {
    const day = asOfDay(this.book.chosenAsOf);
    if (this.book.asOf === day) return false;
    this.book.setAsOf(day);
    void settle(this);
    return true;
  }

  get summary(): BookSummary {
    const newest = this.book.newestEventDay;
    return {
      id: this.info.id, customers: this.book.customerCount, events: this.book.eventCount,
      asOf: this.book.asOf, chosenAsOf: this.book.chosenAsOf, newestEvent: newest === NO_DAY ? '' : isoFromDay(newest),
      currency: bookCurrency(this), currencies: this.currencies(),
    };
  }

  private seenCurrencies: { book: Book; changes: number; list: string[] } | null = null;
  /** The currencies of the book's amounts, worked out once per change. */
  private currencies(): string[] {
    const c = this.seenCurrencies;
    if (c && c.book === this.book && c.changes === this.book.changes) return c.list;
    const list = currenciesOf(this);
    this.seenCurrencies = { book: this.book, changes: this.book.changes, list };
    return list;
  }

  /** Notes in the registry that the workspace changed now, with its counts. */
  async touch(): Promise<void> {
    this.info = { ...this.info, updatedAt: Date.now(), customers: this.book.customerCount, events: this.book.eventCount };
    await putWorkspaceInfo(this.info);
  }

  /** Starts the midnight timer (the session's book only). */
  watchClock(): void {
    this.stopClock();
    this.stopClock = atEveryMidnight(() => {
      if (session.open === this && this.moveToToday()) notify({ type: 'changed' });
    });
  }

  close(): void {
    this.stopClock();
    this.db.close();
  }
}

/** A book just written in full (created, reset), with the responses written with it. */
export interface Made {
  book: Book;
  respond: Responses;
}

/** A book just written in full: its sequence is the one its write left. */
function fresh({ book, respond }: Made, seq = 0): Loaded {
  return { book, models: [book.risk.model], alerts: new Map(), alertsRead: Promise.resolve(), seq, respond };
}

let current: OpenBook | null = null;

/** The session's open book (at most one per worker). */
export const session = {
  get open(): OpenBook | null {
    return current;
  },
  /** Makes `o` the open book, closing the one before. */
  adopt(o: OpenBook): void {
    if (current && current !== o) current.close();
    current = o;
    o.watchClock();
  },
  /** Closes the open book if it is workspace `id`'s. */
  closeIf(id: string): void {
    if (current?.info.id !== id) return;
    current.close();
    current = null;
  },
};
