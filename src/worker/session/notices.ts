// What the worker shares beyond single calls: the registry database, the page's notice
// listener, and a BroadcastChannel that tells the other tabs' workers a workspace changed.

import { RegistryDB } from '../../storage/databases';
import type { EngineNotice } from '../contract';

let listener: ((n: EngineNotice) => void) | null = null;
let registryDb: RegistryDB | null = null;
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('custos-changes');

export function subscribe(l: (n: EngineNotice) => void): void {
  listener = l;
}

export function notify(n: EngineNotice): void {
  listener?.(n);
}

export function registry(): RegistryDB {
  return (registryDb ??= new RegistryDB(undefined, () => notify({ type: 'versionchange' })));
}

export function tellOtherTabs(dbName: string, shard?: number): void {
  channel?.postMessage({ dbName, shard });
}

export function onChangedElsewhere(handler: (dbName: string) => void): void {
  if (channel) channel.onmessage = (e: MessageEvent<{ dbName: string }>) => handler(e.data.dbName);
}
