// The terms of art the screens use; each has a name, what it means and how to read it in the
// catalogue (`term.<id>`, `term.<id>.what`, `term.<id>.read`), shown by a ⓘ next to it and on
// the glossary screen.
export const TERMS = [
  'score', 'grade', 'dimension', 'decisive', 'rhythm', 'rfm', 'eight', 'abc', 'bgnbd', 'palive', 'expected', 'quadrant',
  'csat', 'nps', 'dso', 'aging', 'atRisk', 'hhi', 'auc', 'lift', 'backtest', 'asOf', 'playbook',
] as const;
export type TermId = (typeof TERMS)[number];

/** The abbreviations that stand for a term of art in the texts of every language. */
const ABBREVIATIONS: Record<string, TermId> = { RFM: 'rfm', 'BG/NBD': 'bgnbd', CSAT: 'csat', NPS: 'nps', DSO: 'dso', HHI: 'hhi', AUC: 'auc' };
const PATTERN = /\b(RFM|BG\/NBD|CSAT|NPS|DSO|HHI|AUC)\b/g;

/** A text cut where it names a term of art: the first naming of each term carries it, to be followed by its explanation. */
export function jargonParts(text: string): { text: string; term?: TermId }[] {
  const parts: { text: string; term?: TermId }[] = [];
  const done = new Set<TermId>();
  let at = 0;
  for (const m of text.matchAll(PATTERN)) {
    const term = ABBREVIATIONS[m[1]];
    if (done.has(term)) continue;
    done.add(term);
    const end = m.index + m[0].length;
    if (m.index > at) parts.push({ text: text.slice(at, m.index) });
    parts.push({ text: text.slice(m.index, end), term });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
