// The service worker's news for the interface: a waiting update, or offline readiness.
import { registerServiceWorker } from '../pwa/register';

class Pwa {
  needRefresh = $state(false);
  offlineReady = $state(false);
  private apply: (() => void) | null = null;

  start(): void {
    registerServiceWorker({
      onNeedRefresh: (update) => {
        this.apply = update;
        this.needRefresh = true;
      },
      onOfflineReady: () => (this.offlineReady = true),
    });
  }

  update(): void {
    this.apply?.();
  }

  dismiss(): void {
    this.needRefresh = false;
    this.offlineReady = false;
  }
}

export const pwa = new Pwa();
