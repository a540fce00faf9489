// A worker of the engine's own for the per-row half of a big import (convert-chunk.ts), so
// that parsing and checking rows runs on a second core while the engine places records.

import { convertText, transferables, type ConvertRequest } from './chunks';

self.onmessage = async (e: MessageEvent<ConvertRequest>) => {
  try {
    const evidence = await convertText(e.data, (chunk) => self.postMessage({ type: 'chunk', chunk }, { transfer: transferables(chunk) }));
    self.postMessage({ type: 'done', evidence });
  } catch (err) {
    self.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
