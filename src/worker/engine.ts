// The Custos engine behind one Comlink API: the registry of its methods, each declared in its
// area's file under handlers/ (see handlers/wrap.ts for what every method shares). The worker
// alone opens IndexedDB and keeps the open book in memory.

import { watchRegistry } from '../storage/registry-repo';
import { alerts } from './handlers/alerts';
import { audits } from './handlers/audits';
import { backtests } from './handlers/backtest';
import { clean } from './handlers/clean';
import { customers } from './handlers/customers';
import { data } from './handlers/data';
import { imports } from './handlers/imports';
import { model } from './handlers/model';
import { respond } from './handlers/respond';
import { risk } from './handlers/risk';
import { segments } from './handlers/segments';
import { workspaces } from './handlers/workspaces';
import { withBookLock } from './session/lock';
import { notify, onChangedElsewhere } from './session/notices';
import { session } from './session/open-book';
import { serial } from './session/writes';

export const engine = { ...workspaces, ...customers, ...risk, ...model, ...alerts, ...segments, ...imports, ...data, ...backtests, ...respond, ...audits, ...clean };

watchRegistry(() => notify({ type: 'versionchange' }));

onChangedElsewhere(async (dbName) => {
  const o = session.open;
  if (o?.info.dbName !== dbName) return;
  // Another tab changed data, the model, overrides or segment rules: read the workspace again,
  // queued with this tab's writes and under the book's lock, so that it never lands mid-write.
  const changed = await serial(() => withBookLock(dbName, () => o.catchUp())).catch(() => false);
  if (changed && session.open === o) notify({ type: 'changed' });
});
