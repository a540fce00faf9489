// The per-row half of an import of events, which can run in a worker of its own (see
// import-helper.ts): CSV text parsed by PapaParse chunk by chunk, each row read and checked
// by the file's RowConverter, the good ones handed on as columns (typed arrays, transferred,
// not copied), the bad ones as problems with their row numbers. The engine then places the
// records in the book (import.ts), which needs the book and stays in the engine.

import Papa from 'papaparse';
import { ColumnsBuilder, type Columns } from '../../domain/columns';
import { RowConverter, type ConvertOptions, type ConvertStats } from '../../domain/import/records';
import type { EventKind, Issue } from '../../domain/types';
import { isBlank } from './file';

export interface ConvertRequest {
  /** Rows without the header, starting at file row `firstRow`. */
  text: string;
  firstRow: number;
  delimiter: string;
  newline: string;
  kind: EventKind;
  mapping: (string | null)[];
  headers: string[];
  options: ConvertOptions;
  /** Problems kept per chunk (all are counted). */
  keep: number;
}

export interface ConvertedChunk {
  /** File row of each record. */
  rows: Int32Array;
  records: Columns;
  problems: Issue[];
  problemsTotal: number;
  rejected: number;
  /** Rows that were not blank. */
  counted: number;
  /** Rows a rule skipped. */
  skipped: number;
  /** The first rows as read (only while fewer than 5 were seen). */
  sample: string[][];
  /** How far into the part's text the chunk reaches (characters). */
  end: number;
}

/** What the cells of a part said (dates, blanks, rules), see `ConvertStats`. */
export type DateEvidence = ConvertStats;


/** The typed arrays of a chunk, to transfer rather than copy. */
export function transferables(chunk: ConvertedChunk): ArrayBuffer[] {
  const out: ArrayBuffer[] = [chunk.rows.buffer as ArrayBuffer];
  for (const col of Object.values(chunk.records.cols)) out.push((ArrayBuffer.isView(col) ? col.buffer : col.idx.buffer) as ArrayBuffer);
  return out;
}

/**
 * Parses and converts `req.text`, handing each chunk to `emit` (awaited: the parser waits);
 * returns what the date cells said about the order of day and month.
 */
export function convertText(req: ConvertRequest, emit: (chunk: ConvertedChunk) => void | Promise<void>): Promise<DateEvidence> {
  const converter = new RowConverter(req.kind, req.mapping, req.headers, req.options);
  let row = req.firstRow - 1;
  let sampled = 0;
  return new Promise((resolve, reject) => {
    let failed = false;
    Papa.parse<string[]>(req.text, {
      chunkSize: 1 << 20, skipEmptyLines: false, delimiter: req.delimiter, newline: req.newline as '\n',
      chunk(result: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        parser.pause();
        const builder = new ColumnsBuilder(req.kind);
        const rows: number[] = [];
        const chunk: ConvertedChunk = { rows: new Int32Array(0), records: builder.finish(), problems: [], problemsTotal: 0, rejected: 0, counted: 0, skipped: 0, sample: [], end: result.meta.cursor };
        for (const cells of result.data) {
          row++;
          if (isBlank(cells)) continue;
          chunk.counted++;
          if (sampled < 5) sampled++, chunk.sample.push(cells);
          if (converter.skips(cells)) {
            chunk.skipped++;
            continue;
          }
          const { record, issues } = converter.event(cells, row);
          if (record) {
            builder.push(record as never);
            rows.push(row);
          } else {
            chunk.rejected++;
            chunk.problemsTotal += issues.length;
            for (const x of issues) if (chunk.problems.length < req.keep) chunk.problems.push(x);
          }
        }
        chunk.rows = Int32Array.from(rows);
        chunk.records = builder.finish();
        Promise.resolve()
          .then(() => emit(chunk))
          .then(() => parser.resume(), (err) => ((failed = true), parser.abort(), reject(err)));
      },
      complete: () => failed || resolve(converter.stats()),
      error: (err: Error) => reject(err),
    });
  });
}
