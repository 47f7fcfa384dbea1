/**
 * One run of a job at a time per key: asked again while it runs, it runs
 * once more when it is done (however often it was asked meanwhile), so
 * whatever prompted the request is covered by a run that started after it.
 * Every caller's Promise settles when that covering run has.
 */
export class CoalescedRuns {
  private readonly running = new Map<string, { again: boolean; done: Promise<void> }>();

  run(key: string, job: () => Promise<void>): Promise<void> {
    const current = this.running.get(key);
    if (current) {
      current.again = true;
      return current.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await job();
        } while (state.again);
      } finally {
        this.running.delete(key);
      }
    })();
    this.running.set(key, state);
    return state.done;
  }

  isRunning(key: string): boolean {
    return this.running.has(key);
  }
}
