// Service-worker registration through workbox-window, with a prompt instead of a silent
// update: a new version waits until the user chooses to reload.

import { Workbox } from 'workbox-window';

export interface PwaEvents {
  /** A new version is installed and waiting; call `update` to switch to it. */
  onNeedRefresh(update: () => void): void;
  onOfflineReady(): void;
}

export function registerServiceWorker(events: PwaEvents): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
  wb.addEventListener('waiting', () =>
    events.onNeedRefresh(() => {
      wb.addEventListener('controlling', () => location.reload());
      wb.messageSkipWaiting();
    }),
  );
  wb.addEventListener('activated', (e) => {
    if (!e.isUpdate) events.onOfflineReady();
  });
  void wb.register();
}
