import { ShutdownState } from './shutdown-state';

describe(ShutdownState.name, () => {
  it('accepts until shutdown begins', async () => {
    const state = new ShutdownState();
    expect(state.accepting).toBe(true);
    await state.begin();
    expect(state.accepting).toBe(false);
  });

  it('resolves begin() once the frames taken before it are done', async () => {
    const state = new ShutdownState();
    state.frameTaken();
    state.frameTaken();
    let done = false;
    const drained = state.begin().then(() => (done = true));
    state.frameDone();
    await Promise.resolve();
    expect(done).toBe(false);
    state.frameDone();
    await drained;
    expect(done).toBe(true);
  });
});
