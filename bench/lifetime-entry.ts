// What the bench's fit pages load: the BG/NBD fit and the simulator, bundled for a plain page.
export { fitBgNbd } from '../src/domain/lifetime/bgnbd';
export { summarize } from '../src/domain/lifetime/summary';
export { simulateBgNbd } from '../src/domain/lifetime/simulate';
