import { CLIENT_MSG_ID_MAX_LENGTH, codePointLength, groupKey, MESSAGE_TEXT_MAX_LENGTH, WS_MAX_FRAME_BYTES } from '@chat/protocol';
import fc from 'fast-check';
import { controlString, invalidUtf8, longString, nastyJson } from './nasty-values';

/** One WebSocket frame to throw at the server. */
export interface FuzzFrame {
  payload: string | Buffer;
  binary: boolean;
}

const EVENTS = ['send', 'typing', 'read'] as const;
const FIELDS: Record<(typeof EVENTS)[number], string[]> = { send: ['group', 'text', 'clientMsgId'], typing: ['group'], read: ['group', 'seq'] };

/**
 * Frames of every sort, for a user who is a member of `group`: random
 * JSON, well-formed events with one field wrong (type, length, value) or
 * missing or one field too many, prototype keys, invalid UTF-8, binary.
 * Most are invalid; the few valid ones are told apart by `expectedOutcome`.
 */
export function fuzzFrame(group: string): fc.Arbitrary<FuzzFrame> {
  const text = (payload: fc.Arbitrary<string>) => payload.map((p): FuzzFrame => ({ payload: p, binary: false }));
  const validFields = (event: (typeof EVENTS)[number]) =>
    fc.record({
      group: fc.constant(JSON.stringify(group)),
      text: fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme-ascii' }).map((t) => JSON.stringify(`fuzz ${t}`)),
      clientMsgId: fc.uuid().map((id) => JSON.stringify(`fuzz-${id}`)),
      seq: fc.nat({ max: 1000 }).map(String),
    }).map((fields) => Object.fromEntries(FIELDS[event].map((name) => [name, fields[name as keyof typeof fields]])));

  // An event whose fields are right except one: replaced by a nasty value, dropped, or joined by an extra key.
  const oneFieldWrong = fc.constantFrom(...EVENTS).chain((event) =>
    fc.tuple(fc.constant(event), validFields(event), fc.constantFrom(...FIELDS[event]), fc.integer({ min: 0, max: 2 }), nastyJson, extraKey()).map(
      ([event, fields, target, how, nasty, [key, value]]) => {
        const entries = Object.entries(fields);
        if (how === 0) return frameText(event, objectText(entries.map(([name, v]) => [name, name === target ? nasty : v])));
        if (how === 1) return frameText(event, objectText(entries.filter(([name]) => name !== target)));
        return frameText(event, objectText([...entries, [key, value]]));
      },
    ),
  );

  const wrongText = fc.oneof(longString(), controlString(), fc.constantFrom('', ' ', '\n\t ', '\u3000')).map((t) => JSON.stringify(t));
  const wrongId = fc.oneof(fc.constant('""'), fc.string({ minLength: CLIENT_MSG_ID_MAX_LENGTH + 1, maxLength: 200 }).map((t) => JSON.stringify(t)));

  return fc
    .oneof(
      text(nastyJson),
      text(fc.tuple(nastyJson, nastyJson).map(([event, data]) => `{"event":${event},"data":${data}}`)),
      text(fc.tuple(fc.constantFrom(...EVENTS, 'SEND', 'message', 'ready', '__proto__', ''), nastyJson).map(([event, data]) => frameText(event, data))),
      text(oneFieldWrong),
      text(oneFieldWrong),
      text(fc.tuple(wrongText, fc.uuid()).map(([t, id]) => frameText('send', objectText([['group', JSON.stringify(group)], ['text', t], ['clientMsgId', JSON.stringify(id)]])))),
      text(fc.tuple(wrongId).map(([id]) => frameText('send', objectText([['group', JSON.stringify(group)], ['text', '"hi"'], ['clientMsgId', id]])))),
      // A frame-level extra key, prototype keys included.
      text(fc.tuple(extraKey(), validFields('send')).map(([[key, value], fields]) => `{"event":"send","data":${objectText(Object.entries(fields))},${JSON.stringify(key)}:${value}}`)),
      text(fc.string({ maxLength: 200, unit: 'binary' })),
      // Invalid UTF-8 inside an otherwise valid send (in its text), or anywhere in random bytes.
      fc.tuple(invalidUtf8, fc.uuid()).map(([bad, id]): FuzzFrame => ({
        payload: Buffer.concat([Buffer.from(`{"event":"send","data":{"group":${JSON.stringify(group)},"clientMsgId":"${id}","text":"a`), bad, Buffer.from('b"}}')]),
        binary: false,
      })),
      fc.uint8Array({ maxLength: 300 }).map((bytes): FuzzFrame => ({ payload: Buffer.from(bytes), binary: false })),
      // Binary frames, even holding a valid event.
      fc.oneof(validFields('send').map((fields) => frameText('send', objectText(Object.entries(fields)))), nastyJson).map((p): FuzzFrame => ({ payload: Buffer.from(p), binary: true })),
    )
    // A larger frame closes the connection with 1009 (the contract; ws-limits.spec.ts): not this spec's subject.
    .filter((frame) => Buffer.byteLength(frame.payload) <= WS_MAX_FRAME_BYTES);
}

function extraKey(): fc.Arbitrary<[string, string]> {
  return fc.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'event', 'data', 'id', ''), fc.string({ maxLength: 10 })), nastyJson).map(([key, value]) => [key, key === '__proto__' ? '{"group":"x"}' : value]);
}

function frameText(event: string, dataText: string): string {
  return `{"event":${event.startsWith('"') || event.startsWith('{') || event.startsWith('[') || /^[-\d]|^(true|false|null)$/.test(event) ? event : JSON.stringify(event)},"data":${dataText}}`;
}

function objectText(entries: Array<[string, string]>): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;
}

export type Outcome = 'stored' | 'silent' | 'error';

/**
 * What the contract says a frame does for a member of `group`: a valid
 * `send` is stored (and echoed; a repeat only echoed), a valid `typing` or `read` answers the
 * sender nothing, anything else is one `error`. Written from CONTRACT.md,
 * not from the server's decoder, so that the two can disagree.
 */
export function expectedOutcome(frame: FuzzFrame, group: string): Outcome {
  if (frame.binary) return 'error';
  const raw = Buffer.isBuffer(frame.payload) ? frame.payload : Buffer.from(frame.payload);
  if (Buffer.isBuffer(frame.payload) && !isUtf8(raw)) return 'error';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'error';
  }
  if (!isPlainObject(parsed) || !hasExactly(parsed, ['event', 'data'])) return 'error';
  const { event, data } = parsed as { event: unknown; data: unknown };
  if (typeof event !== 'string' || !isPlainObject(data) || !(EVENTS as readonly string[]).includes(event)) return 'error';
  const fields = data as Record<string, unknown>;
  if (!hasExactly(fields, FIELDS[event as (typeof EVENTS)[number]])) return 'error';
  if (typeof fields.group !== 'string' || groupKey(fields.group) !== groupKey(group)) return 'error';
  if (event === 'typing') return 'silent';
  if (event === 'read') return typeof fields.seq === 'number' && Number.isSafeInteger(fields.seq) && fields.seq >= 0 ? 'silent' : 'error';
  const { text, clientMsgId } = fields;
  if (typeof text !== 'string' || typeof clientMsgId !== 'string') return 'error';
  const length = codePointLength(text.trim());
  const idLength = codePointLength(clientMsgId);
  if (length < 1 || length > MESSAGE_TEXT_MAX_LENGTH || idLength < 1 || idLength > CLIENT_MSG_ID_MAX_LENGTH) return 'error';
  // Where the contract is silent (README): text that cannot be stored as sent is refused.
  if (!isStorable(text) || !isStorable(clientMsgId)) return 'error';
  // Stored, or (a repeated clientMsgId) echoed without storing again: the spec tells them apart.
  return 'stored';
}

/** No U+0000 and no unpaired surrogate. */
function isStorable(text: string): boolean {
  return !/\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

function isUtf8(bytes: Buffer): boolean {
  return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasExactly(value: Record<string, unknown>, keys: string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => Object.prototype.hasOwnProperty.call(value, key));
}
