// The seed of the demo books the app generates, apart from the generator so that the page can
// name it without loading the generator.

/** Every trainer who loads a demo book gets the same book. */
export const DEMO_SEED = 20_261_122;
