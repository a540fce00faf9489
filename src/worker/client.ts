// The page's handle on the engine: one worker, created on first use, wrapped by Comlink.
import { proxy, wrap, type Remote } from 'comlink';
import type { EngineApi } from './api';

let remote: Remote<EngineApi> | null = null;

export function engine(): Remote<EngineApi> {
  return (remote ??= wrap<EngineApi>(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'custos-engine' })));
}

export { proxy };
