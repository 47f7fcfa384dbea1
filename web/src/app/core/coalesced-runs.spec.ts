import { CoalescedRuns } from './coalesced-runs';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

describe(CoalescedRuns.name, () => {
  it('runs once more after the current run when asked meanwhile, however often', async () => {
    const runs = new CoalescedRuns();
    const gates = [deferred(), deferred()];
    let calls = 0;
    const job = () => gates[calls++].promise;
    const first = runs.run('a', job);
    const second = runs.run('a', job);
    const third = runs.run('a', job);
    expect(calls).toBe(1);
    gates[0].resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(calls).toBe(2);
    gates[1].resolve();
    await Promise.all([first, second, third]);
    expect(calls).toBe(2);
    expect(runs.isRunning('a')).toBe(false);
  });

  it('runs keys independently', async () => {
    const runs = new CoalescedRuns();
    let calls = 0;
    await Promise.all([runs.run('a', async () => void calls++), runs.run('b', async () => void calls++)]);
    expect(calls).toBe(2);
  });

  it('rejects every waiting caller when a run fails, and runs afresh afterwards', async () => {
    const runs = new CoalescedRuns();
    const gate = deferred();
    const first = runs.run('a', () => gate.promise);
    const second = runs.run('a', () => gate.promise);
    gate.reject(new Error('down'));
    await expect(first).rejects.toThrow('down');
    await expect(second).rejects.toThrow('down');
    await expect(runs.run('a', async () => undefined)).resolves.toBeUndefined();
  });
});
