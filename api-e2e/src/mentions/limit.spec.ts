import { createGroup, joinGroup, TestUser, uniqueGroupName } from '../support/api-client';
import { clientMsgId, ConnectedSocket, registerUsers, sendMessage, SocketPool } from '../support/chat';
import { edited } from '../support/lifecycle';
import { idsOf, tokenOf } from '../support/mentions';
import { useServer } from '../support/setup';

/** At most 20 mentions; later ones are plain text. A reply's sender is first and always kept, within the 20. */
describe('mentions: at most 20', () => {
  const server = useServer();
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  /** The sender, 21 other members, and one user who is never a member. */
  let sender: TestUser;
  let others: TestUser[];
  let outsider: TestUser;
  beforeAll(async () => {
    const users = await registerUsers(server().baseUrl, 23, 'Many');
    [sender, outsider] = users;
    others = users.slice(2);
  }, 60000);

  async function room(): Promise<{ group: string; s: ConnectedSocket; last: ConnectedSocket }> {
    const group = (await createGroup(sender, uniqueGroupName('many'))).name;
    for (const u of others) await joinGroup(u, group);
    const [s, last] = await Promise.all([sockets.connect(sender), sockets.connect(others[20])]);
    return { group, s, last };
  }

  const tokens = (users: TestUser[]) => users.map(tokenOf).join(' ');

  it('21 members mentioned: the first 20, and the text keeps all 21 tokens', async () => {
    const { group, s } = await room();
    const text = `all of you: ${tokens(others)}`;
    const message = await sendMessage(s, group, text);
    expect(message.text).toBe(text);
    expect(message.mentions).toEqual(idsOf(...others.slice(0, 20)));
  });

  it('the sender’s own token, non-members’ and unknown ids, and repeats do not count towards the 20', async () => {
    const { group, s } = await room();
    const noise = [tokenOf(sender), tokenOf(outsider), '<@nobody>', tokenOf(others[0])].join(' ');
    const text = others.map((u, i) => `${tokenOf(u)}${i % 5 === 0 ? ` ${noise}` : ''}`).join(' ');
    const message = await sendMessage(s, group, text);
    expect(message.mentions).toEqual(idsOf(...others.slice(0, 20)));
  });

  it('an edit to 21 tokens keeps the first 20 too', async () => {
    const { group, s } = await room();
    await sendMessage(s, group, 'few');
    const changed = await edited(sender, group, 1, tokens([...others].reverse()));
    expect(changed.mentions).toEqual(idsOf(...[...others].reverse().slice(0, 20)));
  });

  it('a reply with 20 other tokens: the replied-to sender first, then the first 19', async () => {
    const { group, s, last } = await room();
    const replied = others[20];
    await sendMessage(last, group, 'mention me');
    const answer = await sendMessage(s, group, tokens(others.slice(0, 20)), clientMsgId('reply'), { replyTo: 1 });
    expect(answer.mentions).toEqual(idsOf(replied, ...others.slice(0, 19)));
  });

  it('a reply whose replied-to sender’s token comes 21st: still first, and once', async () => {
    const { group, s, last } = await room();
    await sendMessage(last, group, 'mention me');
    const answer = await sendMessage(s, group, tokens(others), clientMsgId('reply'), { replyTo: 1 });
    expect(answer.mentions).toEqual(idsOf(others[20], ...others.slice(0, 19)));
  });

  it('a reply to one’s own message with 21 tokens: the first 20, as for any message', async () => {
    const { group, s } = await room();
    await sendMessage(s, group, 'mine');
    const answer = await sendMessage(s, group, tokens(others), clientMsgId('reply'), { replyTo: 1 });
    expect(answer.mentions).toEqual(idsOf(...others.slice(0, 20)));
  });
});
