// The one worker file the page imports (with the client): the engine's type, derived from its
// implementation, and the contract of everything that crosses postMessage.

export type * from './contract';
export type EngineApi = typeof import('./engine').engine;
