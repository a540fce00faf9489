// Where the keyboard's focus goes when the screen changes: to the new screen's heading (read
// out by a screen reader, and the start of the next Tab), unless the user has already put it
// somewhere else meanwhile. And Escape closes the open panel (a <details>) that holds the focus.

const WAIT_MS = 5000;

/** The main heading of the screen, made focusable from script (not a Tab stop of its own). */
function heading(): HTMLElement | null {
  const h = document.querySelector<HTMLElement>('main h1');
  if (h && !h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
  return h;
}

/** Focuses the screen's heading, or the main region when the screen has none. */
export function focusMain(): void {
  const target = heading() ?? document.querySelector<HTMLElement>('main');
  if (target && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target?.focus();
}

let waiting: (() => void) | null = null;

/** After a change of screen: the heading once it is drawn (screens load their parts lazily). */
export function focusNewScreen(): void {
  waiting?.();
  const before = document.activeElement;
  const moved = () => {
    const now = document.activeElement;
    return now !== before && now !== null && now !== document.body && now.isConnected && !now.closest('nav');
  };
  const main = document.querySelector('main');
  if (!main) return;
  const attempt = () => {
    if (moved()) return true;
    const h = heading();
    if (!h) return false;
    h.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
    return true;
  };
  if (attempt()) return;
  const observer = new MutationObserver(() => attempt() && stop());
  const timer = setTimeout(() => stop(), WAIT_MS);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    waiting = null;
  };
  waiting = stop;
  observer.observe(main, { childList: true, subtree: true });
}

/** Escape in an open panel closes it, and the focus goes back to its summary. */
export function closePanelOnEscape(e: KeyboardEvent): void {
  if (e.key !== 'Escape' || e.defaultPrevented) return;
  const at = document.activeElement;
  const details = at?.closest('main details[open]');
  if (!(details instanceof HTMLDetailsElement)) return;
  e.preventDefault();
  details.open = false;
  details.querySelector<HTMLElement>(':scope > summary')?.focus();
}
