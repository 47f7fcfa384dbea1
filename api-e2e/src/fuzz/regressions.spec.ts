import type { Group } from '@chat/protocol';
import { ApiClient, createGroup, registerUser, TestUser, uniqueEmail, uniqueGroupName } from '../support/api-client';
import { clientMsgId, fullHistory, SocketPool } from '../support/chat';
import { expectNestError, expectWsError } from '../support/expect';
import { useServer } from '../support/setup';

/** One test per bug the fuzz specs found, over real HTTP and WebSocket (memory and PostgreSQL runs). */
describe('fuzz findings, fixed', () => {
  const server = useServer();
  const sockets = new SocketPool(server);
  afterAll(() => sockets.closeAll());

  let user: TestUser;
  let group: Group;
  beforeAll(async () => {
    user = await registerUser(server().baseUrl, 'Regress');
    group = await createGroup(user, uniqueGroupName('regress'));
  });

  const groupNames = async () => (await user.api.get<Group[]>('/api/groups')).body.map((g) => g.name);

  describe('WebSocket', () => {
    it('a frame with the empty key "" besides event and data is error bad_request, not a send', async () => {
      const socket = await sockets.connect(user);
      const id = clientMsgId('empty-key');
      socket.sendRaw(`{"event":"send","data":{"group":${JSON.stringify(group.name)},"text":"hi","clientMsgId":"${id}"},"":1}`);
      expectWsError(await socket.next('error'), 'bad_request');
      expect((await fullHistory(user, group.name)).map((m) => m.clientMsgId)).not.toContain(id);
    });

    it.each([
      ['U+0000 in text', '"a\\u0000b"', '"c-nul"'],
      ['a lone surrogate in text', '"a\\ud800b"', '"c-surrogate"'],
      ['U+0000 in clientMsgId', '"hi"', '"c\\u0000"'],
      ['a lone surrogate in clientMsgId', '"hi"', '"c\\udc00"'],
    ])('%s is error bad_request in every store (PostgreSQL cannot store it as sent), and the socket goes on', async (_label, text, id) => {
      const socket = await sockets.connect(user);
      const before = (await fullHistory(user, group.name)).length;
      socket.sendRaw(`{"event":"send","data":{"group":${JSON.stringify(group.name)},"text":${text},"clientMsgId":${id}}}`);
      expectWsError(await socket.next('error'), 'bad_request');
      expect(await fullHistory(user, group.name)).toHaveLength(before);
      const ok = clientMsgId('after');
      socket.send('send', { group: group.name, text: 'still fine', clientMsgId: ok });
      expect((await socket.next('message', (m) => m.clientMsgId === ok)).text).toBe('still fine');
    });
  });

  describe('REST', () => {
    it.each([
      ['U+009F (a C1 control)', '\u009f'],
      ['U+0085 (next line, a C1 control)', '\u0085'],
      ['U+007F', '\u007f'],
    ])('a displayName holding %s after trimming is 400, and no account is made', async (_label, control) => {
      const email = uniqueEmail('c1');
      const res = await new ApiClient(server().baseUrl).post('/api/users', { email, password: 'correct horse battery', displayName: `\t \u202e${control}` });
      expectNestError(res, 400);
      expect((await new ApiClient(server().baseUrl).post('/api/auth/login', { email, password: 'correct horse battery' })).status).toBe(401);
    });

    it.each(['gzip', 'deflate', 'br'])('a %s body that does not decompress is 400, not 404', async (encoding) => {
      const res = await user.api.request('POST', '/api/groups', 'not compressed', { 'content-type': 'application/json', 'content-encoding': encoding });
      expectNestError(res, 400);
    });

    it.each(['constructor', 'prototype', '__proto__', 'valueOf', 'toString', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'])('a body with the unknown field "%s" is 400 and creates nothing', async (key) => {
      const name = uniqueGroupName('proto');
      const res = await user.api.request('POST', '/api/groups', `{"name":"${name}",${JSON.stringify(key)}:-1}`);
      expectNestError(res, 400);
      expect(await groupNames()).not.toContain(name);
    });

    it('a sign-up with the unknown field "valueOf" (any value) is 400 and makes no account', async () => {
      const email = uniqueEmail('value-of');
      const anonymous = new ApiClient(server().baseUrl);
      const res = await anonymous.request('POST', '/api/users', `{"email":"${email}","password":"correct horse battery","valueOf":[""]}`);
      expectNestError(res, 400);
      expectNestError(await anonymous.request('POST', '/api/auth/login', `{"email":"${email}","password":"correct horse battery"}`), 401);
    });

    it('a body nested thousands deep (under 16 KiB) is 400, not 500', async () => {
      const name = uniqueGroupName('deep');
      const res = await user.api.request('POST', '/api/groups', `{"name":"${name}","other":${'['.repeat(5000)}${']'.repeat(5000)}}`);
      expectNestError(res, 400);
      expect(await groupNames()).not.toContain(name);
    });

    it('an email with a lone surrogate is 400, not 500, and no account is made', async () => {
      const res = await new ApiClient(server().baseUrl).request('POST', '/api/users', '{"email":"\\udc00a@example.com","password":"correct horse battery"}');
      expectNestError(res, 400);
    });

    it('a group name holding U+0000 is 404, not 500 (PostgreSQL text cannot hold it)', async () => {
      expectNestError(await user.api.get('/api/groups/%00'), 404);
      expectNestError(await user.api.get('/api/groups/a%00b/messages'), 404);
      expectNestError(await user.api.post('/api/groups/%00/members'), 404);
    });

    it('displayName null counts as not given (the default from the email)', async () => {
      const email = uniqueEmail('nullname');
      const res = await new ApiClient(server().baseUrl).post('/api/users', { email, password: 'correct horse battery', displayName: null });
      expect(res.status).toBe(201);
      expect(res.body.user.displayName).toBe(email.slice(0, email.indexOf('@')));
    });
  });
});
