// The first step of an import (DESIGN §6): a file read in its encoding, parsed (PapaParse, in
// this worker, yielding between chunks so that a cancel gets in), mapped and checked row by
// row against the book. Nothing is written: the preview gives the counts of new, updated,
// unchanged and rejected records and every problem with its row and column, and keeps the
// plan that `commitImport` (plan.ts) writes.

import { detectEncoding } from '../../domain/import/encoding';
import type { ImportOptions, ImportPreview } from '../contract';
import type { Job } from '../session/jobs';
import type { OpenBook } from '../session/open-book';
import { isJson, parseJson, readText, sniff, spacesToTabs, unreadable } from './file';
import { setPending } from './plan';
import { Planner } from './planner';
import type { ImportPlanDelimiter } from './header';

/** Reads, maps and checks a file against the open book; writes nothing. */
export async function previewImport(o: OpenBook, file: File, options: ImportOptions, job: Job): Promise<ImportPreview> {
  const head = new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer());
  const detected = detectEncoding(head);
  const encoding = options.encoding ?? detected;
  let text = await readText(file, encoding, job);
  const json = isJson(file, text) ? parseJson(text) : null;
  // A whitespace-separated file (runs of spaces, leading spaces) is read as tab-separated.
  const layout = json ? null : sniff(text);
  if (layout?.whitespace) text = spacesToTabs(text);
  const delimiter: ImportPlanDelimiter = layout?.whitespace ? 'whitespace' : ((layout?.delimiter ?? ',') as ImportPlanDelimiter);
  let planner = new Planner(o, file, options, encoding, detected, options.dateOrder ?? null, delimiter);
  await planner.run(text, json, job);
  // Day or month first: the user's choice, else what the data settles where a cell decides
  // (checked again with it when some cells could not be read without it, or were read by the
  // layout's remembered order that the data now contradicts), else the remembered order, else asked.
  const order = planner.dateEvidence();
  const remembered = options.dateOrder == null ? planner.readWith : null;
  const decided = order === 'dmy' || order === 'mdy' ? order : null;
  if (options.dateOrder == null && decided && (planner.ambiguousDates || (remembered && remembered !== decided))) {
    planner = new Planner(o, file, options, encoding, detected, decided, delimiter);
    await planner.run(text, json, job);
  }
  const settled = options.dateOrder ?? decided ?? remembered;
  const plan = planner.finish(settled, settled === null && order === null && planner.slashedDates > 0);
  plan.preview.unreadable = unreadable(text);
  setPending(plan);
  return plan.preview;
}

