import type { ServerEventName, ServerEvents } from '@chat/protocol';

/**
 * Serialises an event once, to bytes, so fan-out writes the same buffer to
 * every recipient (ws would otherwise convert a string per send).
 */
export function encodeFrame<E extends ServerEventName>(event: E, data: ServerEvents[E]): Buffer {
  return Buffer.from(JSON.stringify({ event, data }));
}
