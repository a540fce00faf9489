// What every screen is checked for: axe-core's serious and critical findings, and controls a
// thumb cannot hit (smaller than 44×44 CSS pixels).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function axeProblems(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol: the app's CSP (script-src 'self') stays as served.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  return found;
}

/** Controls smaller than 44×44 (links inside running text excepted, as WCAG 2.5.8 allows). */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('main button, main a, main select, main input:not([type=hidden]), main summary, main label:has(> input[type=checkbox]), main label:has(> input[type=radio])')) {
      // A checkbox's or a radio's hit area is its label (checked above).
      if (el.matches('input[type=checkbox], input[type=radio]') || el.matches('.visually-hidden') || el.closest('label:has(> input[type=file])')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < 44 || r.height < 44) out.push(`${el.tagName.toLowerCase()}${el.dataset && Object.keys(el.dataset).length ? `[data-${Object.keys(el.dataset)[0]}]` : ''} “${(el.textContent ?? '').trim().slice(0, 30)}” ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}
