// A file to import as rows of cells: its text read in its encoding (in slices, so that a
// cancel gets in), then CSV parsed by PapaParse chunk by chunk or JSON records flattened;
// the stated limits, and the problems with a file that a user is told.

import type { ImportFailure } from '../contract';
import type { Issue } from '../../domain/types';
import Papa from 'papaparse';
import type { Encoding } from '../../domain/import/encoding';
import type { Job } from '../session/jobs';

/** Stated limits: a file beyond them is refused with a message, not a crash. */
export const IMPORT_LIMITS = { bytes: 512 * 1024 * 1024, rows: 2_000_000, columns: 200, problemsShown: 1000 } as const;


export class FileProblem extends Error {
  constructor(readonly code: ImportFailure, readonly params: Record<string, number> = {}) {
    super(code);
  }
}
export const isFileProblem = (e: unknown): e is FileProblem => e instanceof FileProblem;

/** Control characters that are not line breaks or tabs: removed from a file's text before anything is compared or stored. */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** `text` without control characters (other than tab and line breaks). */
export function withoutControls(text: string): string {
  CONTROLS.lastIndex = 0;
  return CONTROLS.test(text) ? text.replace(CONTROLS, '') : text;
}

/** How many characters the decoder could not read (U+FFFD): more than none suggests another encoding. */
export function unreadable(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\ufffd'); at >= 0; at = text.indexOf('\ufffd', at + 1)) n++;
  return n;
}

/** The file's text in its encoding, read in slices (the job yields and can be cancelled between them), control characters removed. */
export async function readText(file: Blob, encoding: Encoding, job: Job): Promise<string> {
  if (file.size > IMPORT_LIMITS.bytes) throw new FileProblem('too_large', { max: IMPORT_LIMITS.bytes / 1024 / 1024 });
  const decoder = new TextDecoder(encoding);
  const SLICE = 8 * 1024 * 1024;
  let text = '';
  for (let at = 0; at < file.size; at += SLICE) {
    await job.checkpoint('read', at, file.size);
    text += decoder.decode(new Uint8Array(await file.slice(at, at + SLICE).arrayBuffer()), { stream: true });
  }
  return withoutControls(text + decoder.decode());
}

/**
 * The delimiter (comma, semicolon, tab or bar) and line break of a CSV text, guessed by
 * PapaParse from its first rows. Blank lines are left out of the guess (a trailing one would
 * make a two-column file look like one column), not out of the file: rows keep their numbers.
 * A file PapaParse finds one column in whose lines split on runs of spaces into 2 cells or
 * more, most of them (over half) as many, is whitespace-separated (see `spacesToTabs`).
 */
export function sniff(text: string): { delimiter: string; newline: '\r\n' | '\n' | '\r'; whitespace: boolean } {
  const head = Papa.parse<string[]>(text.slice(0, 256 * 1024), { delimitersToGuess: [',', ';', '\t', '|'], skipEmptyLines: 'greedy', preview: 20 });
  const newline = (head.meta.linebreak || '\n') as '\r\n' | '\n' | '\r';
  const oneColumn = head.data.length > 0 && head.data.every((r) => r.length === 1);
  if (oneColumn) {
    // Most lines the same width (a last value may be missing), none a single cell.
    const widths = head.data.map((r) => r[0].trim().split(/[ \t]+/).length);
    const max = Math.max(...widths);
    if (widths.every((w) => w >= 2) && widths.filter((w) => w === max).length * 2 > widths.length) return { delimiter: '\t', newline, whitespace: true };
  }
  return { delimiter: head.meta.delimiter || ',', newline, whitespace: false };
}

/** A whitespace-separated text as tab-separated: each line's outer spaces off, each run of spaces or tabs one tab. */
export function spacesToTabs(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/gm, '').replace(/[ \t]+/g, '\t');
}

/** Takes the rows of a file as they are parsed, a chunk at a time (the header row first). */
export type RowSink = (rows: string[][]) => void | Promise<void>;

/**
 * CSV rows to `sink`, chunk by chunk, the delimiter detected by PapaParse (comma, semicolon or
 * tab). Each chunk is checked before the next is parsed, so that a million rows never stand
 * in memory as arrays and a cancel gets in between chunks. A quote PapaParse cannot read (one
 * never closed, which would swallow every row after it, or a stray one after a closing quote)
 * refuses the file, naming the row where it began: nothing after it is joined or dropped.
 */
export function parseCsv(text: string, job: Job, sink: RowSink): Promise<void> {
  const { delimiter, newline } = sniff(text);
  let before = 0;
  return new Promise((resolve, reject) => {
    let failed = false;
    Papa.parse<string[]>(text, {
      chunkSize: 1 << 20, skipEmptyLines: false, delimiter, newline,
      chunk(result: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        parser.pause();
        const quote = result.errors.find((e) => e.type === 'Quotes');
        if (quote) {
          failed = true;
          parser.abort();
          reject(new FileProblem(quote.code === 'MissingQuotes' ? 'unclosed_quote' : 'stray_quote', { row: before + (quote.row ?? 0) + 1 }));
          return;
        }
        before += result.data.length;
        Promise.resolve()
          .then(() => sink(result.data))
          .then(() => job.checkpoint('check', result.meta.cursor, text.length))
          .then(() => parser.resume(), (err) => ((failed = true), parser.abort(), reject(err)));
      },
      complete: () => failed || resolve(),
      error: (err: Error) => reject(err),
    });
  });
}

/** JSON rows: a plain array of objects, or our own `{ format: 'custos-records', version, records }`. */
/** A JSON file's rows (the header first) and the problems of rows that cannot be read, by row number (the header is row 1). */
export interface JsonRows {
  rows: string[][];
  problems: Map<number, Issue[]>;
}

export function parseJson(text: string): JsonRows {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new FileProblem('bad_json');
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const d = data as { format?: string; version?: number; records?: unknown };
    if (typeof d.version === 'number' && d.version > RECORDS_VERSION) throw new FileProblem('newer_version', { version: d.version });
    data = d.records;
  }
  if (!Array.isArray(data) || !data.every((x) => x && typeof x === 'object' && !Array.isArray(x))) throw new FileProblem('not_records');
  const headers: string[] = [];
  const seen = new Set<string>();
  for (const r of data as Record<string, unknown>[]) for (const k of Object.keys(r)) if (!seen.has(k)) seen.add(k), headers.push(k);
  // A value that is an object or a list is not a cell: its row is refused with the column named.
  const records = data as Record<string, unknown>[];
  const problems = new Map<number, Issue[]>();
  const rows = records.map((r, k) =>
    headers.map((h) => {
      const v = r[h];
      if (v !== null && typeof v === 'object') {
        const list = problems.get(k + 2) ?? [];
        list.push({ row: k + 2, column: h, code: 'not_a_value' });
        problems.set(k + 2, list);
        return '';
      }
      return v === null || v === undefined ? '' : withoutControls(String(v));
    }),
  );
  return { rows: [headers, ...rows], problems };
}

/** The version of our JSON records format (`custos-records`). */
export const RECORDS_VERSION = 1;

export const isJson = (file: File, text: string) => /\.json$/i.test(file.name) || /^\s*[[{]/.test(text.slice(0, 100));

/** A row with nothing in it (Excel's trailing ",,,," lines); skipped, but it keeps its row number. */
export const isBlank = (cells: readonly string[]) => !cells[0]?.trim() && cells.every((c) => !c.trim());
