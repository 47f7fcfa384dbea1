import { GroupCommit } from './group-commit';

/** A batch runner that the test finishes by hand, recording every batch it was given. */
function manualRunner() {
  const batches: number[][] = [];
  const finishers: Array<() => void> = [];
  const run = (items: number[]) => {
    batches.push(items);
    return new Promise<PromiseSettledResult<string>[]>((resolve) =>
      finishers.push(() =>
        resolve(items.map((n) => (n < 0 ? { status: 'rejected', reason: new Error(`bad ${n}`) } : { status: 'fulfilled', value: `stored ${n}` }))),
      ),
    );
  };
  return { run, batches, finish: () => finishers.shift()?.() };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(GroupCommit.name, () => {
  it('runs an item at once, alone, when nothing else is running', async () => {
    const runner = manualRunner();
    const commit = new GroupCommit(runner.run, 1, 100);
    const first = commit.submit(1);
    expect(runner.batches).toEqual([[1]]);
    runner.finish();
    await expect(first).resolves.toBe('stored 1');
  });

  it('gathers what arrives meanwhile into the next batch, in arrival order, and answers each caller', async () => {
    const runner = manualRunner();
    const commit = new GroupCommit(runner.run, 1, 100);
    const results = [1, 2, 3, 4].map((n) => commit.submit(n));
    expect(runner.batches).toEqual([[1]]);
    runner.finish();
    await settle();
    expect(runner.batches).toEqual([[1], [2, 3, 4]]);
    runner.finish();
    await expect(Promise.all(results)).resolves.toEqual(['stored 1', 'stored 2', 'stored 3', 'stored 4']);
  });

  it('keeps batches to the largest size and runs at most maxRunning at once', async () => {
    const runner = manualRunner();
    const commit = new GroupCommit(runner.run, 2, 2);
    const results = [1, 2, 3, 4, 5, 6].map((n) => commit.submit(n));
    expect(runner.batches).toEqual([[1], [2]]);
    runner.finish();
    await settle();
    expect(runner.batches).toEqual([[1], [2], [3, 4]]);
    runner.finish();
    runner.finish();
    await settle();
    expect(runner.batches).toEqual([[1], [2], [3, 4], [5, 6]]);
    runner.finish();
    await expect(Promise.all(results)).resolves.toHaveLength(6);
  });

  it('fails only the item that failed; a batch that throws fails all of its items, and the next batch still runs', async () => {
    const runner = manualRunner();
    const commit = new GroupCommit(runner.run, 1, 100);
    const first = commit.submit(1);
    const good = commit.submit(2);
    const bad = commit.submit(-3);
    runner.finish();
    await settle();
    expect(runner.batches).toEqual([[1], [2, -3]]);
    runner.finish();
    await expect(first).resolves.toBe('stored 1');
    await expect(good).resolves.toBe('stored 2');
    await expect(bad).rejects.toThrow('bad -3');

    let calls = 0;
    const throwing = new GroupCommit<number, string>(async (items) => {
      if (calls++ === 0) throw new Error('connection lost');
      return items.map((n) => ({ status: 'fulfilled', value: `stored ${n}` }));
    }, 1, 100);
    await expect(throwing.submit(1)).rejects.toThrow('connection lost');
    await expect(throwing.submit(2)).resolves.toBe('stored 2');
  });

  it('refuses at once, as unavailable, what arrives while the queue is full', async () => {
    const runner = manualRunner();
    const commit = new GroupCommit(runner.run, 1, 100, 2);
    const accepted = [1, 2, 3].map((n) => commit.submit(n)); // 1 runs, 2 and 3 wait
    await expect(commit.submit(4)).rejects.toMatchObject({ code: 'unavailable' });
    runner.finish();
    await settle();
    runner.finish();
    await expect(Promise.all(accepted)).resolves.toEqual(['stored 1', 'stored 2', 'stored 3']);
  });
});
