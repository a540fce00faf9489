// What the worker shares beyond single calls: the page's notice listener, and a
// BroadcastChannel that tells the other tabs' workers a workspace changed.

import type { EngineNotice } from '../contract';

let listener: ((n: EngineNotice) => void) | null = null;
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('custos-changes');

export function subscribe(l: (n: EngineNotice) => void): void {
  listener = l;
}

export function notify(n: EngineNotice): void {
  listener?.(n);
}

/** Tells the other tabs' engines that workspace `dbName` changed (they read it again). */
export function tellOtherTabs(dbName: string): void {
  channel?.postMessage({ dbName });
}

export function onChangedElsewhere(handler: (dbName: string) => void): void {
  if (channel) channel.onmessage = (e: MessageEvent<{ dbName: string }>) => handler(e.data.dbName);
}
