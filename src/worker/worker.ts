// The worker's entry: exposes the engine through Comlink.
import { expose } from 'comlink';
import { engine } from './engine';

expose(engine);
