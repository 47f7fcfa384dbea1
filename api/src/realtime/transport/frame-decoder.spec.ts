import { decodeClientFrame, DecodeResult } from './frame-decoder';

const decode = (frame: unknown) => decodeClientFrame(Buffer.from(JSON.stringify(frame)), false);
const decodeText = (text: string) => decodeClientFrame(Buffer.from(text, 'utf8'), false);
const send = (data: Record<string, unknown>) => decode({ event: 'send', data: { group: 'general', text: 'hi', clientMsgId: 'c1', ...data } });

function refused(result: DecodeResult): { message: string; clientMsgId?: string } {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.frame)}`);
  return result;
}

describe(decodeClientFrame.name, () => {
  describe('valid frames', () => {
    it('decodes send, trimming the text', () => {
      expect(send({ text: '  hello \n' })).toEqual({
        ok: true,
        frame: { event: 'send', data: { group: 'general', text: 'hello', clientMsgId: 'c1' } },
      });
    });

    it('decodes typing', () => {
      expect(decode({ event: 'typing', data: { group: 'general' } })).toEqual({
        ok: true,
        frame: { event: 'typing', data: { group: 'general' } },
      });
    });

    it.each([0, 7, Number.MAX_SAFE_INTEGER])('decodes read with seq %p', (seq) => {
      expect(decode({ event: 'read', data: { group: 'general', seq } })).toEqual({
        ok: true,
        frame: { event: 'read', data: { group: 'general', seq } },
      });
    });
  });

  describe('text length in code points', () => {
    it('accepts 4000 characters and refuses 4001', () => {
      expect(send({ text: 'x'.repeat(4000) }).ok).toBe(true);
      expect(refused(send({ text: 'x'.repeat(4001) })).message).toMatch(/1 to 4000/);
    });

    it('counts an astral character as one', () => {
      const ok = send({ text: '😀'.repeat(4000) });
      expect(ok.ok && ok.frame.event === 'send' && ok.frame.data.text).toBe('😀'.repeat(4000));
      expect(send({ text: '😀'.repeat(4001) }).ok).toBe(false);
    });

    it('measures after trimming: padding does not count, blank text is refused', () => {
      expect(send({ text: `  ${'x'.repeat(4000)}  ` }).ok).toBe(true);
      expect(refused(send({ text: ' \t\n ' })).message).toMatch(/after trimming/);
    });
  });

  describe('clientMsgId', () => {
    it('accepts 1 to 64 characters, astral ones counting as one', () => {
      expect(send({ clientMsgId: 'a' }).ok).toBe(true);
      expect(send({ clientMsgId: 'a'.repeat(64) }).ok).toBe(true);
      expect(send({ clientMsgId: '😀'.repeat(64) }).ok).toBe(true);
    });

    it.each([[''], ['a'.repeat(65)], [42], [null]])('refuses %p', (clientMsgId) => {
      expect(refused(send({ clientMsgId })).message).toMatch(/clientMsgId/);
    });

    it('comes back with every refusal of a send, so the client can match the error', () => {
      expect(refused(send({ text: '' })).clientMsgId).toBe('c1');
      expect(refused(send({ group: 5 })).clientMsgId).toBe('c1');
      expect(refused(send({ extra: true })).clientMsgId).toBe('c1');
    });

    it('comes back unchanged when it is valid but made of astral characters', () => {
      const clientMsgId = '😀'.repeat(40); // 40 code points: valid
      expect(refused(send({ clientMsgId, text: '' })).clientMsgId).toBe(clientMsgId);
    });

    it('is absent from refusals of other events', () => {
      expect(refused(decode({ event: 'typing', data: { group: 1, clientMsgId: 'c1' } }))).not.toHaveProperty('clientMsgId');
    });
  });

  describe('malformed frames', () => {
    it('refuses a binary frame', () => {
      expect(refused(decodeClientFrame(Buffer.from('{"event":"typing","data":{"group":"g"}}'), true)).message).toMatch(/text frames/);
    });

    it('refuses invalid UTF-8 bytes', () => {
      const raw = Buffer.concat([Buffer.from('{"event":"typing","data":{"group":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}}')]);
      expect(refused(decodeClientFrame(raw, false)).message).toMatch(/UTF-8/);
    });

    it.each(['not json', '{"event":', ''])('refuses non-JSON %p', (text) => {
      expect(refused(decodeText(text)).message).toMatch(/not valid JSON/);
    });

    it.each(['[]', 'null', '"send"', '42'])('refuses %s, which is not an object', (text) => {
      expect(refused(decodeText(text)).message).toMatch(/must be a JSON object/);
    });

    it.each([
      [{ data: { group: 'g' } }, /"event" must be a string/],
      [{ event: 7, data: { group: 'g' } }, /"event" must be a string/],
      [{ event: 'typing' }, /"data" must be an object/],
      [{ event: 'typing', data: null }, /"data" must be an object/],
      [{ event: 'typing', data: ['g'] }, /"data" must be an object/],
      [{ event: 'shout', data: {} }, /Unknown event "shout"/],
    ])('refuses %j', (frame, message) => {
      expect(refused(decode(frame)).message).toMatch(message);
    });
  });

  describe('strings that cannot be stored as sent (found by fuzzing on PostgreSQL)', () => {
    it.each([
      ['U+0000', '\\u0000'],
      ['a lone high surrogate', '\\ud800'],
      ['a lone low surrogate', '\\udc00'],
      ['swapped surrogates', '\\udc00\\ud800'],
    ])('refuses %s in text, clientMsgId and group', (_label, escape) => {
      const frame = (field: string) => {
        const data: Record<string, string> = { group: '"general"', text: '"hi"', clientMsgId: '"c1"' };
        data[field] = `"a${escape}b"`;
        return `{"event":"send","data":{"group":${data['group']},"text":${data['text']},"clientMsgId":${data['clientMsgId']}}}`;
      };
      expect(refused(decodeText(frame('text'))).message).toMatch(/"text" must not contain U\+0000 or unpaired surrogates/);
      expect(refused(decodeText(frame('clientMsgId'))).message).toMatch(/"clientMsgId" must not contain/);
      expect(refused(decodeText(frame('group'))).message).toMatch(/"group" must not contain/);
    });

    it('accepts paired surrogates (emoji) and other control characters', () => {
      expect(send({ text: 'hi \ud83d\ude00 \u0007' }).ok).toBe(true);
    });
  });

  describe('unknown keys', () => {
    it('refuses an unknown top-level key', () => {
      expect(refused(decode({ event: 'typing', data: { group: 'g' }, extra: 1 })).message).toMatch(/Unknown frame field "extra"/);
    });

    it('refuses the empty key "", at the top level and in data (found by fuzzing)', () => {
      expect(refused(decodeText('{"event":"typing","data":{"group":"g"},"":1}')).message).toMatch(/Unknown frame field ""/);
      expect(refused(decodeText('{"event":"typing","data":{"group":"g","":1}}')).message).toMatch(/Unknown field ""/);
    });

    it('refuses an unknown key in data', () => {
      expect(refused(decode({ event: 'read', data: { group: 'g', seq: 1, at: 2 } })).message).toMatch(/Unknown field "at"/);
    });

    it('refuses __proto__ written in the JSON text, at the top level and in data', () => {
      expect(refused(decodeText('{"event":"typing","data":{"group":"g"},"__proto__":{"x":1}}')).message).toMatch(/__proto__/);
      expect(refused(decodeText('{"event":"typing","data":{"group":"g","__proto__":{"x":1}}}')).message).toMatch(/__proto__/);
    });
  });

  describe('field types', () => {
    it.each([
      ['send', { group: 1, text: 'hi', clientMsgId: 'c' }, /"group" must be a string/],
      ['send', { group: 'g', text: 1, clientMsgId: 'c' }, /"text" must be a string/],
      ['send', { group: 'g', clientMsgId: 'c' }, /"text" must be a string/],
      ['typing', { group: '' }, /"group" must be 1 to 50/],
      ['typing', { group: 'g'.repeat(51) }, /"group" must be 1 to 50/],
      ['read', { group: 'g', seq: '3' }, /"seq"/],
      ['read', { group: 'g' }, /"seq"/],
    ])('refuses %s with %j', (event, data, message) => {
      expect(refused(decode({ event, data })).message).toMatch(message);
    });

    it.each([-1, 1.5, 2 ** 53, 1e300])('refuses seq %p', (seq) => {
      expect(refused(decode({ event: 'read', data: { group: 'g', seq } })).message).toMatch(/"seq" must be a whole number/);
    });
  });
});
