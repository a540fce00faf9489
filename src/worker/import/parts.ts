// A big file of events converted in two parts at once: each part in a helper worker where
// workers can be made (the browser), else in this thread (Node tests).

import type { DateOrder } from '../../domain/import/values';
import { convertText, type ConvertedChunk, type ConvertRequest, type DateEvidence } from './chunks';
import type { Job } from '../session/jobs';

/** Below this much text a file is converted in one part (two workers cost more than they save). */
const PART_MIN = 2 * 1024 * 1024;

type PartMessage = { type: 'chunk'; chunk: ConvertedChunk } | { type: 'done'; evidence: DateEvidence };

/**
 * One part of a file being converted: in a helper worker where workers can be made (the
 * browser), else here (Node tests). Messages come out in order through `next`.
 */
function startPart(req: ConvertRequest): { next: () => Promise<PartMessage>; stop: () => void } {
  const queue: PartMessage[] = [];
  let waiting: { resolve: (m: PartMessage) => void; reject: (e: unknown) => void } | null = null;
  let failure: unknown = null;
  const put = (m: PartMessage) => {
    if (waiting) waiting.resolve(m), (waiting = null);
    else queue.push(m);
  };
  const fail = (e: unknown) => {
    failure = e;
    if (waiting) waiting.reject(e), (waiting = null);
  };
  let helper: Worker | null = null;
  if (typeof Worker !== 'undefined') {
    helper = new Worker(new URL('./helper.ts', import.meta.url), { type: 'module', name: 'custos-import' });
    helper.onmessage = (e: MessageEvent<PartMessage | { type: 'error'; message: string }>) => (e.data.type === 'error' ? fail(new Error(e.data.message)) : put(e.data));
    helper.onerror = (e) => fail(new Error(e.message || 'import helper failed'));
    helper.postMessage(req);
  } else {
    // Each chunk waits until the engine has taken it, as the parser waits for a worker's reader.
    let taken: (() => void) | null = null;
    convertText(req, (chunk) => new Promise<void>((resolve) => ((taken = resolve), put({ type: 'chunk', chunk })))).then((evidence) => put({ type: 'done', evidence }), fail);
    const next = () => {
      taken?.();
      taken = null;
      return pull();
    };
    const pull = () => (queue.length ? Promise.resolve(queue.shift()!) : failure ? Promise.reject(failure) : new Promise<PartMessage>((resolve, reject) => (waiting = { resolve, reject })));
    return { next, stop: () => undefined };
  }
  return {
    next: () => (queue.length ? Promise.resolve(queue.shift()!) : failure ? Promise.reject(failure) : new Promise<PartMessage>((resolve, reject) => (waiting = { resolve, reject }))),
    stop: () => helper?.terminate(),
  };
}

function combineOrders(orders: (DateOrder | null | 'conflict')[]): DateOrder | null | 'conflict' {
  const dmy = orders.some((o) => o === 'dmy' || o === 'conflict');
  const mdy = orders.some((o) => o === 'mdy' || o === 'conflict');
  return dmy && mdy ? 'conflict' : dmy ? 'dmy' : mdy ? 'mdy' : null;
}

/**
 * Converts `body` (a CSV's rows after its header): in one part, or in two halves on two cores
 * when it is big and has no quotes (a quoted field may hold a line break). `place` takes the
 * chunks in file order (the second half's wait for the first half's). Returns what the dates
 * of all parts said of day or month first.
 */
export async function convertInParts(body: string, base: Omit<ConvertRequest, 'text' | 'firstRow'>, job: Job, place: (chunk: ConvertedChunk) => void, firstRow = 2): Promise<DateEvidence> {
  const { newline } = base;
  const parts: ConvertRequest[] = [];
  const mid = body.length > PART_MIN && !body.includes('"') ? body.indexOf(newline, body.length >> 1) : -1;
  if (mid > 0) {
    const first = body.slice(0, mid);
    let lines = 1;
    for (let at = first.indexOf(newline); at >= 0; at = first.indexOf(newline, at + newline.length)) lines++;
    parts.push({ ...base, text: first, firstRow }, { ...base, text: body.slice(mid + newline.length), firstRow: firstRow + lines });
  } else parts.push({ ...base, text: body, firstRow });
  const streams = parts.map(startPart);
  const evidence: DateEvidence[] = [];
  try {
    let before = 0;
    for (const [k, stream] of streams.entries()) {
      for (;;) {
        const m = await stream.next();
        await job.checkpoint('check', before + (m.type === 'chunk' ? m.chunk.end : parts[k].text.length), body.length);
        if (m.type === 'chunk') place(m.chunk);
        else {
          evidence.push(m.evidence);
          break;
        }
      }
      before += parts[k].text.length;
    }
  } finally {
    for (const s of streams) s.stop();
  }
  return combineStats(evidence);
}

/** What the parts' cells said, together. */
export function combineStats(parts: readonly DateEvidence[]): DateEvidence {
  const sum = (pick: (e: DateEvidence) => number[]) => (parts.length ? pick(parts[0]).map((_, k) => parts.reduce((n, e) => n + (pick(e)[k] ?? 0), 0)) : []);
  return {
    slashed: parts.reduce((n, e) => n + e.slashed, 0),
    ambiguous: parts.reduce((n, e) => n + e.ambiguous, 0),
    order: combineOrders(parts.map((e) => e.order)),
    twoDigitYears: parts.reduce((n, e) => n + e.twoDigitYears, 0),
    blanks: sum((e) => e.blanks),
    skipped: sum((e) => e.skipped),
  };
}
