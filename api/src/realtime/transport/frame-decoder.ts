import {
  ClientFrame,
  CLIENT_MSG_ID_MAX_LENGTH,
  codePointLength,
  GROUP_NAME_MAX_LENGTH,
  MESSAGE_TEXT_MAX_LENGTH,
  SendData,
} from '@chat/protocol';
import { isUtf8 } from 'node:buffer';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../../common/validation/storable-text';

export type DecodeResult =
  | { ok: true; frame: ClientFrame }
  | { ok: false; message: string; clientMsgId?: string };

type Fields = Record<string, unknown>;

/**
 * Turns one raw frame into a typed client event, or says in words why not.
 * Hand-written rather than a per-frame validation pipe: every frame passes
 * through here, and a few `typeof` checks cost next to nothing. Unknown
 * fields are refused, as in REST bodies.
 */
export function decodeClientFrame(raw: Buffer, isBinary: boolean): DecodeResult {
  if (isBinary) return fail('Frames must be text frames holding JSON');
  // The server skips ws's UTF-8 check (which would close the connection), so it is done here.
  if (!isUtf8(raw)) return fail('Frame is not valid UTF-8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return fail('Frame is not valid JSON');
  }
  if (!isObject(parsed)) return fail('A frame must be a JSON object {"event": string, "data": object}');
  // `!== undefined`: the empty key "" is an unknown field too.
  const extra = unknownKeys(parsed, FRAME_KEYS);
  if (extra !== undefined) return fail(`Unknown frame field "${truncate(extra)}"`);
  const { event, data } = parsed;
  if (typeof event !== 'string') return fail('"event" must be a string');
  if (!isObject(data)) return fail('"data" must be an object');
  switch (event) {
    case 'send':
      return decodeSend(data);
    case 'typing':
      return decodeTyping(data);
    case 'read':
      return decodeRead(data);
    default:
      return fail(`Unknown event "${truncate(event)}"`);
  }
}

const FRAME_KEYS = ['event', 'data'];
const SEND_KEYS = ['group', 'text', 'clientMsgId', 'replyTo'];
const TYPING_KEYS = ['group'];
const READ_KEYS = ['group', 'seq'];

function decodeSend(data: Fields): DecodeResult {
  const clientMsgId = typeof data['clientMsgId'] === 'string' ? data['clientMsgId'] : undefined;
  const problem =
    unknownField(data, SEND_KEYS) ??
    groupProblem(data['group']) ??
    clientMsgIdProblem(data['clientMsgId']) ??
    (typeof data['text'] !== 'string' ? '"text" must be a string' : undefined) ??
    (isStorableText(data['text'] as string) ? undefined : `"text" ${UNSTORABLE_TEXT_MESSAGE}`) ??
    replyToProblem(data['replyTo']);
  if (problem) return fail(problem, clientMsgId);
  const text = (data['text'] as string).trim();
  const length = codePointLength(text);
  if (length < 1 || length > MESSAGE_TEXT_MAX_LENGTH) {
    return fail(`"text" must be 1 to ${MESSAGE_TEXT_MAX_LENGTH} characters after trimming`, clientMsgId);
  }
  const send: SendData = { group: data['group'] as string, text, clientMsgId: clientMsgId as string };
  // null is taken as absent; any whole number is a seq to look for (one outside 1..lastSeq is not_found).
  if (typeof data['replyTo'] === 'number') send.replyTo = data['replyTo'];
  return { ok: true, frame: { event: 'send', data: send } };
}

function replyToProblem(replyTo: unknown): string | undefined {
  if (replyTo === undefined || replyTo === null) return undefined;
  return typeof replyTo === 'number' && Number.isSafeInteger(replyTo) ? undefined : '"replyTo" must be the seq of a message (a whole number)';
}

function decodeTyping(data: Fields): DecodeResult {
  const problem = unknownField(data, TYPING_KEYS) ?? groupProblem(data['group']);
  if (problem) return fail(problem);
  return { ok: true, frame: { event: 'typing', data: { group: data['group'] as string } } };
}

function decodeRead(data: Fields): DecodeResult {
  const seq = data['seq'];
  const problem =
    unknownField(data, READ_KEYS) ??
    groupProblem(data['group']) ??
    (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0 ? '"seq" must be a whole number, 0 or more' : undefined);
  if (problem) return fail(problem);
  return { ok: true, frame: { event: 'read', data: { group: data['group'] as string, seq: seq as number } } };
}

function groupProblem(group: unknown): string | undefined {
  if (typeof group !== 'string') return '"group" must be a string';
  const length = codePointLength(group);
  if (length < 1 || length > GROUP_NAME_MAX_LENGTH) return `"group" must be 1 to ${GROUP_NAME_MAX_LENGTH} characters`;
  if (!isStorableText(group)) return `"group" ${UNSTORABLE_TEXT_MESSAGE}`;
  return undefined;
}

function clientMsgIdProblem(id: unknown): string | undefined {
  if (typeof id !== 'string') return '"clientMsgId" must be a string';
  const length = codePointLength(id);
  if (length < 1 || length > CLIENT_MSG_ID_MAX_LENGTH) return `"clientMsgId" must be 1 to ${CLIENT_MSG_ID_MAX_LENGTH} characters`;
  if (!isStorableText(id)) return `"clientMsgId" ${UNSTORABLE_TEXT_MESSAGE}`;
  return undefined;
}

function unknownField(data: Fields, allowed: string[]): string | undefined {
  const extra = unknownKeys(data, allowed);
  return extra === undefined ? undefined : `Unknown field "${truncate(extra)}" in "data"`;
}

function unknownKeys(value: Fields, allowed: string[]): string | undefined {
  for (const key in value) if (!allowed.includes(key)) return key;
  return undefined;
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A send's clientMsgId comes back with its error only when it is a valid one the client can match. */
function fail(message: string, clientMsgId?: string): DecodeResult {
  return clientMsgId === undefined || clientMsgIdProblem(clientMsgId) ? { ok: false, message } : { ok: false, message, clientMsgId };
}

function truncate(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
