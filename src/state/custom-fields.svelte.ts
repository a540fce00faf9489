// The open book's custom fields for a screen: read from the engine when the screen is made and
// again after each change of the book (an import may bring new ones). Call during a component's
// set-up.

import type { CustomField } from '../domain/custom-fields';
import { engine } from '../worker/client';
import { workspaces } from './workspace.svelte';

export function bookFields(): { readonly list: CustomField[] } {
  let list = $state.raw<CustomField[]>([]);
  $effect(() => {
    void workspaces.revision;
    void engine().getCustomFields({}).then((r) => (list = r.ok ? r.value : []));
  });
  return {
    get list() {
      return list;
    },
  };
}
