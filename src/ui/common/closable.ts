// A form or a dialog that opens in the page: focus moves into it when it opens, Escape closes
// it, and when it closes focus goes back to the control that opened it (or, when that control
// was drawn anew meanwhile, to the one `back` finds), so a keyboard user never lands on the
// page's body.

export type ClosableOptions = {
  /** Closes the form (the component's own cancel). */
  onclose: () => void;
  /** Which control takes the focus on opening: a selector inside the form; false leaves it where it is. */
  focus?: string | false;
  /** Where focus goes back to when the opener is gone from the page. */
  back?: (parent: HTMLElement | null) => HTMLElement | null | undefined;
};

const FIRST = 'input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])';

export function closable(node: HTMLElement, options: ClosableOptions) {
  let o = options;
  const parent = node.parentElement;
  const active = document.activeElement;
  const opener = active instanceof HTMLElement && active !== document.body && !node.contains(active) ? active : null;
  if (o.focus !== false) {
    requestAnimationFrame(() => {
      if (node.contains(document.activeElement)) return;
      node.querySelector<HTMLElement>(o.focus || FIRST)?.focus();
    });
  }
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    e.stopPropagation();
    o.onclose();
  };
  node.addEventListener('keydown', onKey);
  return {
    update(next: ClosableOptions) {
      o = next;
    },
    destroy() {
      node.removeEventListener('keydown', onKey);
      const had = node.contains(document.activeElement) || document.activeElement === document.body || document.activeElement === null;
      if (!had) return;
      // After the close has been drawn: the opener may be enabled again, or drawn anew.
      requestAnimationFrame(() => {
        const now = document.activeElement;
        if (now && now !== document.body && now.isConnected && !node.contains(now)) return;
        const target = opener?.isConnected ? opener : o.back?.(parent);
        target?.focus();
      });
    },
  };
}
