// After a refused save: the first field with an error takes the focus (its message, next to
// it, is read out with it), opening the panel it sits in when that is closed.

import { tick } from 'svelte';

export async function focusFirstError(form: HTMLElement | undefined): Promise<void> {
  await tick();
  const field = form?.querySelector<HTMLElement>('.field:has(.error) :is(input, select, textarea), [aria-invalid="true"]');
  if (!field) return;
  const panel = field.closest('details');
  if (panel && !panel.open) panel.open = true;
  field.focus();
  field.scrollIntoView?.({ block: 'center' });
}
