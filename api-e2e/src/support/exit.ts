import type { ChildProcess } from 'node:child_process';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** From the call to the exit. */
  ms: number;
}

/** Sends `signal` to the process and resolves with how and when it exited (rejects after `timeoutMs`). */
export function signalAndWait(child: ChildProcess, signal: NodeJS.Signals, timeoutMs = 15_000): Promise<Exit> {
  const start = Date.now();
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`process still running ${timeoutMs} ms after ${signal}`)), timeoutMs);
    child.once('exit', (code, exitSignal) => {
      clearTimeout(timer);
      done({ code, signal: exitSignal, ms: Date.now() - start });
    });
    child.kill(signal);
  });
}
