import { BoundedWorkQueue } from './bounded-work-queue';
import { DomainError } from './errors/domain-error';

/** A task that runs until `finish` is called, and records that it started. */
function gate() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const state = { started: false, finish: () => finish() };
  const task = async () => {
    state.started = true;
    await done;
    return 'done';
  };
  return Object.assign(state, { task });
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(BoundedWorkQueue.name, () => {
  it('runs up to `concurrency` tasks at once; the others wait their turn, in order', async () => {
    const queue = new BoundedWorkQueue(2, 10);
    const tasks = [gate(), gate(), gate(), gate()];
    const results = tasks.map((t) => queue.run(t.task));
    await settle();
    expect(tasks.map((t) => t.started)).toEqual([true, true, false, false]);

    tasks[1].finish();
    await settle();
    expect(tasks.map((t) => t.started)).toEqual([true, true, true, false]);

    tasks[0].finish();
    tasks[2].finish();
    await settle();
    expect(tasks[3].started).toBe(true);
    tasks[3].finish();
    await expect(Promise.all(results)).resolves.toEqual(['done', 'done', 'done', 'done']);
  });

  it('refuses a task beyond the waiting room with `unavailable` and a Retry-After, without running it', async () => {
    const queue = new BoundedWorkQueue(1, 1);
    const [running, waiting, refused] = [gate(), gate(), gate()];
    const first = queue.run(running.task);
    const second = queue.run(waiting.task);
    const error = await queue.run(refused.task).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'unavailable', retryAfterSeconds: expect.any(Number) });
    expect((error as DomainError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.started).toBe(false);

    running.finish();
    waiting.finish();
    await expect(Promise.all([first, second])).resolves.toEqual(['done', 'done']);
    // Room again once the line has drained.
    await expect(queue.run(async () => 'later')).resolves.toBe('later');
  });

  it('frees the slot of a task that fails, and passes its error on', async () => {
    const queue = new BoundedWorkQueue(1, 0);
    await expect(
      queue.run(async () => {
        throw new Error('scrypt failed');
      }),
    ).rejects.toThrow('scrypt failed');
    await expect(queue.run(async () => 'next')).resolves.toBe('next');
  });

  it('estimates Retry-After from how long tasks take', async () => {
    const queue = new BoundedWorkQueue(1, 2);
    await queue.run(() => new Promise((resolve) => setTimeout(resolve, 1100)));
    const tasks = [gate(), gate(), gate()];
    const runs = tasks.map((t) => queue.run(t.task));
    const error = (await queue.run(async () => 'refused').catch((e: unknown) => e)) as DomainError;
    // Three tasks of ~1.1 s ahead of a retry, one at a time.
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(3);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(5);
    tasks.forEach((t) => t.finish());
    await Promise.all(runs);
  });
});
