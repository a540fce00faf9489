// Long worker calls report progress and can be cancelled: they pass through a checkpoint
// every ~50 ms, which yields to the event loop (so a cancel message gets in) and reports.

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

import type { OnProgress } from '../contract';

export type { OnProgress };

const cancelled = new Set<string>();

export function cancelJob(job: string): void {
  cancelled.add(job);
}

export class Job {
  private last = performance.now();

  constructor(private readonly id: string | undefined, private readonly onProgress?: OnProgress) {}

  /** Yields and reports when 50 ms have passed since the last checkpoint; throws Cancelled. */
  async checkpoint(phase: string, done: number, total: number): Promise<void> {
    if (performance.now() - this.last < 50) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.last = performance.now();
    if (this.id && cancelled.delete(this.id)) throw new Cancelled();
    this.onProgress?.({ phase, done, total });
  }

  done(): void {
    if (this.id) cancelled.delete(this.id);
  }
}
