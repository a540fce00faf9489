// Shards in memory ↔ shards on disk (see StoredShard): customers as JSON, string
// dictionaries joined. Pure functions, so the layout is tested in Node.

import type { Column, Columns, StrColumn } from '../domain/columns';
import type { EventTables } from '../domain/figures';
import type { ShardRecord, StoredShard } from './schema';

// A separator no dictionary string contains: validation refuses control characters in ids,
// and other free text is cleaned of U+0000 before it is stored.
const SEP = '\u0000';

const isStr = (c: Column): c is StrColumn => !ArrayBuffer.isView(c);

export function packShard(shard: ShardRecord): StoredShard {
  const events: StoredShard['events'] = {};
  for (const [kind, columns] of Object.entries(shard.events)) {
    const cols: StoredShard['events'][string]['cols'] = {};
    for (const [name, col] of Object.entries(columns.cols)) {
      cols[name] = isStr(col) ? { text: col.dict.map((s) => s.replaceAll(SEP, '')).join(SEP), idx: col.idx } : col;
    }
    events[kind] = { n: columns.n, cols };
  }
  return { no: shard.no, customersJson: JSON.stringify(shard.customers), events };
}

export function unpackShard(stored: StoredShard): ShardRecord {
  const events: Record<string, Columns> = {};
  for (const [kind, columns] of Object.entries(stored.events)) {
    const cols: Record<string, Column> = {};
    for (const [name, col] of Object.entries(columns.cols)) {
      cols[name] = ArrayBuffer.isView(col) ? col : { dict: col.idx.length || col.text ? col.text.split(SEP) : [], idx: col.idx };
    }
    events[kind] = { n: columns.n, cols };
  }
  return { no: stored.no, customers: JSON.parse(stored.customersJson), events: events as EventTables };
}
