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

/** Controls smaller than 44×44, in the screen and in an open pop-up (links in tables and lists included). */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(['main', ':popover-open'].flatMap((at) => ['button', 'a', 'select', 'input:not([type=hidden])', 'summary', 'label:has(> input[type=checkbox])', 'label:has(> input[type=radio])'].map((c) => `${at} ${c}`)).join(', '))) {
      // A checkbox's or a radio's hit area is its label (checked above).
      if (el.matches('input[type=checkbox], input[type=radio]') || el.matches('.visually-hidden') || el.closest('label:has(> input[type=file])')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < 44 || r.height < 44) out.push(`${el.tagName.toLowerCase()}${el.dataset && Object.keys(el.dataset).length ? `[data-${Object.keys(el.dataset)[0]}]` : ''} “${(el.textContent ?? '').trim().slice(0, 30)}” ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}

/** Presses Tab until the focus is on an element matching `selector`; false when `max` presses never get there. */
export async function tabTo(page: Page, selector: string, max = 250): Promise<boolean> {
  for (let k = 0; k < max; k++) {
    if (await page.evaluate((s) => !!document.activeElement?.matches(s), selector)) return true;
    await page.keyboard.press('Tab');
  }
  return page.evaluate((s) => !!document.activeElement?.matches(s), selector);
}

const CONTROLS = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex="0"]';

/**
 * The visible controls of the screen (navigation and main) that walking the page with Tab
 * never reaches: each must be a Tab stop, or the keyboard cannot do what the mouse does. A
 * group of radios is one stop (arrow keys move within it), and so is a virtualised list (its
 * rows are drawn as the focus moves through them: reaching one is reaching them all).
 */
export async function unreachable(page: Page): Promise<string[]> {
  const count = await page.evaluate((sel) => {
    document.querySelectorAll('[data-tabbed]').forEach((e) => e.removeAttribute('data-tabbed'));
    (window as unknown as { tabbed?: boolean }).tabbed ||= (document.addEventListener('focusin', (e) => (e.target as HTMLElement).setAttribute?.('data-tabbed', '')), true);
    // From the top of the page: the skip link is its first stop.
    document.querySelector<HTMLElement>('[data-skip]')?.focus();
    return document.querySelectorAll(sel).length;
  }, CONTROLS);
  for (let k = 0; k < count + 10; k++) await page.keyboard.press('Tab');
  return page.evaluate((sel) => {
    const out: string[] = [];
    const seenGroups = new Set<string>();
    for (const el of document.querySelectorAll<HTMLElement>(sel)) {
      if (!el.closest('main, nav') || el.closest('[inert]')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (el.closest('details:not([open])') && el.tagName !== 'SUMMARY') continue;
      const list = el.closest('.scroller[role=list]');
      if (list) {
        if (seenGroups.has('list')) continue;
        seenGroups.add('list');
        if (list.querySelector('[data-tabbed]')) continue;
      } else if (el instanceof HTMLInputElement && el.type === 'radio') {
        const group = el.name || el.closest('fieldset, [role=radiogroup], div')?.textContent || '';
        const stop = [...document.querySelectorAll<HTMLInputElement>(`input[type=radio]`)].filter((x) => (x.name || x.closest('fieldset, [role=radiogroup], div')?.textContent || '') === group);
        if (seenGroups.has(group)) continue;
        seenGroups.add(group);
        if (stop.some((x) => x.hasAttribute('data-tabbed'))) continue;
      } else if (el.hasAttribute('data-tabbed')) continue;
      out.push(`${el.tagName.toLowerCase()} “${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}”`);
    }
    return out;
  }, CONTROLS);
}

/** Elements that answer a click (an onclick, or Svelte's delegated handlers, kept under a symbol named 'events') but that the keyboard cannot focus. */
export async function mouseOnly(page: Page): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('main *, nav *')) {
      const events = Object.getOwnPropertySymbols(el).find((s) => s.description === 'events');
      const delegated = events ? (el as unknown as Record<symbol, Record<string, unknown> | undefined>)[events] : undefined;
      const handled = el.onclick !== null || !!(delegated?.click || delegated?.pointerdown || delegated?.mousedown);
      if (!handled || el.matches(sel) || el.matches('label, option, form, input, select, textarea') || el.closest('button, a[href], label, summary')) continue;
      out.push(`${el.tagName.toLowerCase()}.${el.className} “${(el.textContent ?? '').trim().slice(0, 30)}”`);
    }
    return out;
  }, CONTROLS);
}

/** Abbreviations a newcomer cannot be expected to know, as they appear on the screens in every language, with their glossary entries. */
const JARGON: Record<string, string> = { RFM: 'rfm', 'BG/NBD': 'bgnbd', CSAT: 'csat', NPS: 'nps', DSO: 'dso', HHI: 'hhi', AUC: 'auc' };

/**
 * Terms of art the screen names without their explanation one tap away: each abbreviation
 * shown must have a ⓘ of its glossary entry somewhere visible on the same screen (on its
 * first naming, or where it is the subject).
 */
export async function unexplained(page: Page): Promise<string[]> {
  return page.evaluate((jargon) => {
    const pattern = new RegExp(`\\b(${Object.keys(jargon).map((k) => k.replace('/', '\\/')).join('|')})\\b`, 'g');
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return (r.width > 0 || r.height > 0) && !el.closest('[popover], [data-glossary], option, select, details:not([open]) > :not(summary)');
    };
    const explained = new Set([...document.querySelectorAll('main [data-term]')].filter(visible).map((b) => b.getAttribute('data-term')));
    const out = new Map<string, string>();
    const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !visible(el)) continue;
      for (const m of (n.textContent ?? '').matchAll(pattern)) {
        if (explained.has(jargon[m[1]]) || out.has(m[1])) continue;
        out.set(m[1], (el.closest('h1, h2, h3, p, dt, td, th, li, label, legend, summary, button') ?? el).textContent!.trim().slice(0, 50));
      }
    }
    return [...out].map(([k, line]) => `${k} unexplained, as in “${line}”`);
  }, JARGON);
}
