/**
 * Memory of a server process after a full garbage collection, read through
 * the V8 inspector (the process runs with --inspect on a port of its own).
 * Resident memory alone misleads: V8 keeps the heap that registering 10,000
 * users grew, and new connections fit into it for free, so "RSS after minus
 * RSS before" would flatter whichever server made more garbage first.
 */
import { WebSocket } from 'ws';

export interface MemoryAfterGc {
  rssKiB: number;
  /** V8 heap in use plus memory outside it (Buffers, native objects), in KiB. */
  heapAndExternalKiB: number;
}

interface InspectorTarget {
  webSocketDebuggerUrl: string;
}

export async function memoryAfterGc(inspectPort: number): Promise<MemoryAfterGc> {
  const [target] = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as InspectorTarget[];
  const socket = new WebSocket(target.webSocketDebuggerUrl, { perMessageDeflate: false });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 1;
  const call = (method: string, params: object = {}) =>
    new Promise<any>((resolve, reject) => {
      const id = nextId++;
      const onMessage = (raw: Buffer) => {
        const reply = JSON.parse(raw.toString());
        if (reply.id !== id) return;
        socket.off('message', onMessage);
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve(reply.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    // Twice: the first pass may leave objects that only die after finalizers ran.
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const { result } = await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    const usage = JSON.parse(result.value) as NodeJS.MemoryUsage;
    return { rssKiB: usage.rss / 1024, heapAndExternalKiB: (usage.heapUsed + usage.external) / 1024 };
  } finally {
    socket.close();
  }
}
