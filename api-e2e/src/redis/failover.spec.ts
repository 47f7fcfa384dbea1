import type { Message, PresenceEvent } from '@chat/protocol';
import type { ChildProcess } from 'node:child_process';
import { createGroup, joinGroup, publicUser, registerUser, TestUser, uniqueGroupName } from '../support/api-client';
import { clientMsgId, fullHistory, range, sendMessage } from '../support/chat';
import type { TestSocket } from '../support/ws-client';
import { on, onlineMap, useCluster, waitFor } from './cluster';

/** How many sends the writer keeps in flight (sent, echo not yet seen). */
const WINDOW = 8;
/** The instance is killed once the writer's KILL_AFTER-th message has crossed to the other instance. */
const KILL_AFTER = 40;
/** A bound on the stream, should the kill not stop it. */
const MAX_SENDS = 2000;
/** Presence of users whose instance died must not outlive them by more than this. */
const PRESENCE_EXPIRY_MS = 20000;

const messagesOf = (socket: TestSocket): Message[] => socket.history.filter((f) => f.event === 'message').map((f) => f.data as Message);

/**
 * One of two instances dies (SIGKILL) while a client streams sends through
 * it: its clients reconnect to the survivor, catch up over REST, resend what
 * was not acknowledged with the same clientMsgId, and nothing acknowledged is
 * lost or stored twice. Presence of the dead instance's users does not stick.
 */
describe('two instances behind Redis: one is killed', () => {
  const cluster = useCluster(2, 'failover', { WS_RATE_LIMIT: '0' });
  afterAll(() => cluster().closeSockets());

  it('acknowledged messages survive, unacknowledged ones are resent on the survivor and stored once, presence recovers', async () => {
    const c = cluster();
    const [a, b] = c.servers;
    // Registered on B, the survivor, so REST keeps working for all of them.
    const writer = await registerUser(b.baseUrl, 'Writer');
    const bystander = await registerUser(b.baseUrl, 'Bystander');
    const observer = await registerUser(b.baseUrl, 'Observer');
    const group = (await createGroup(observer, uniqueGroupName('failover'))).name;
    await joinGroup(writer, group);
    await joinGroup(bystander, group);

    const o = await c.connect(b, observer);
    const w = await c.connect(a, writer);
    const by = await c.connect(a, bystander);
    for (const u of [writer, bystander]) {
      expect(await o.next('presence', (p) => p.user.id === u.user.id, 5000)).toEqual({ user: publicUser(u), online: true });
    }
    expect(await onlineMap(observer, b, group)).toEqual({ [observer.user.id]: true, [writer.user.id]: true, [bystander.user.id]: true });

    // The writer streams through A with WINDOW sends in flight; the observer sends now and then through B.
    const textOf = (id: string) => `stream ${id}`;
    const sentIds: string[] = [];
    const sendNext = () => {
      const id = clientMsgId('fo');
      sentIds.push(id);
      w.send('send', { group, text: textOf(id), clientMsgId: id });
    };
    const observerIds: string[] = [];
    const observerSend = () => {
      const id = clientMsgId('obs');
      observerIds.push(id);
      o.send('send', { group, text: `observer ${id}`, clientMsgId: id });
    };
    for (let i = 0; i < WINDOW; i++) sendNext();
    // Each echo lets the next send go, until the connection drops (bounded by MAX_SENDS).
    const streaming = (async () => {
      for (let k = 0; sentIds.length < MAX_SENDS; k++) {
        try {
          await w.next('message', (m) => m.clientMsgId === sentIds[k] && m.sender.id === writer.user.id, 10000);
        } catch (e) {
          if (w.closeInfo) return; // the instance died under the stream
          throw e;
        }
        sendNext();
        if (k % 5 === 0) observerSend();
      }
    })();
    // Kill A when B has relayed the writer's KILL_AFTER-th message to the observer: A is then
    // mid-stream, with sends stored whose echo may not have reached the writer yet.
    await o.next('message', (m) => m.sender.id === writer.user.id && sentIds.indexOf(m.clientMsgId) >= KILL_AFTER - 1, 15000);
    a.process.kill('SIGKILL');
    const killedAt = Date.now();
    await Promise.all([w.waitForClose(5000), by.waitForClose(5000), waitForExit(a.process, 5000), streaming]);
    expect(a.process.signalCode).toBe('SIGKILL');

    // What the writer's client knows: the echoes it saw before the connection dropped.
    const seenByWriter = messagesOf(w);
    const seenSeqs = seenByWriter.map((m) => m.seq);
    expect(seenSeqs).toEqual([...seenSeqs].sort((x, y) => x - y));
    expect(new Set(seenSeqs).size).toBe(seenSeqs.length);
    const acked = seenByWriter.filter((m) => m.sender.id === writer.user.id);
    const ackedIds = new Set(acked.map((m) => m.clientMsgId));
    expect(ackedIds.size).toBe(acked.length);
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER - WINDOW);
    expect(sentIds.length).toBeLessThan(MAX_SENDS);
    const unacked = sentIds.filter((id) => !ackedIds.has(id));
    const lastSeen = Math.max(0, ...seenSeqs);

    // The client reconnects to the survivor and catches up from the last seq it saw.
    const w2 = await c.connect(b, writer);
    expect(w2.ready.groups).toEqual([group]);
    const caughtUp = await catchUp(on(writer, b), group, lastSeen);
    // Seen plus caught up is the gap-free prefix 1..lastSeq of the history.
    const known = [...seenByWriter, ...caughtUp];
    expect(known.map((m) => m.seq)).toEqual(range(1, known.length));

    // Every echo seen before the kill is stored, unchanged.
    const storedBefore = await fullHistory(on(observer, b), group);
    const storedById = new Map(storedBefore.map((m) => [m.id, m]));
    for (const m of acked) expect(storedById.get(m.id)).toEqual(m);

    // Resend every send whose echo was not seen, with the same clientMsgId, on B.
    const storedByClientId = new Map(storedBefore.filter((m) => m.sender.id === writer.user.id).map((m) => [m.clientMsgId, m]));
    const resent: Message[] = [];
    for (const id of unacked) {
      const echo = await sendMessage(w2, group, textOf(id), id);
      expect(echo).toMatchObject({ group, sender: publicUser(writer), text: textOf(id), clientMsgId: id });
      // Stored on A before it died (echo lost): the very same message comes back.
      const earlier = storedByClientId.get(id);
      if (earlier) expect(echo).toEqual(earlier);
      resent.push(echo);
    }

    // The observer's sends through B were all acknowledged too.
    const observerEchoes = await Promise.all(
      observerIds.map((id) => o.next('message', (m) => m.clientMsgId === id && m.sender.id === observer.user.id, 10000)),
    );

    // Final history: 1..N with no gap, every send of the writer exactly once, every acknowledged one unchanged.
    const finalHistory = await fullHistory(on(observer, b), group);
    expect(finalHistory.map((m) => m.seq)).toEqual(range(1, finalHistory.length));
    const writerIds = finalHistory.filter((m) => m.sender.id === writer.user.id).map((m) => m.clientMsgId);
    expect([...writerIds].sort()).toEqual([...sentIds].sort());
    const observerStored = finalHistory.filter((m) => m.sender.id === observer.user.id).map((m) => m.clientMsgId);
    expect([...observerStored].sort()).toEqual([...observerIds].sort());
    const finalById = new Map(finalHistory.map((m) => [m.id, m]));
    for (const m of [...acked, ...resent, ...observerEchoes]) expect(finalById.get(m.id)).toEqual(m);

    // The observer, connected to B throughout, saw its group in seq order, each message once, including every
    // message the writer saw echoed before the kill (the echo acknowledges delivery to every member).
    const observerSeen = await waitForMessages(o, acked.map((m) => m.id), 5000);
    const observerSeqs = observerSeen.map((m) => m.seq);
    expect(observerSeqs).toEqual([...new Set(observerSeqs)].sort((x, y) => x - y));
    for (const m of observerSeen) expect(finalById.get(m.id)).toEqual(m);

    // Presence: the writer, reconnected on B, shows online.
    await waitFor('writer online after reconnecting to B', async () => (await onlineMap(observer, b, group))[writer.user.id] === true, 3000);

    // The bystander, whose only connection died with A, is offline within PRESENCE_EXPIRY_MS of the kill.
    await waitFor(
      'bystander (connected only to the killed instance) shown offline',
      async () => (await onlineMap(observer, b, group))[bystander.user.id] === false,
      Math.max(1000, killedAt + PRESENCE_EXPIRY_MS - Date.now()),
    );
    // Forgetting the dead instance's connections does not take the writer's live one on B with it.
    expect(await onlineMap(observer, b, group)).toEqual({ [observer.user.id]: true, [writer.user.id]: true, [bystander.user.id]: false });
    // The observer may have seen the writer go offline and back online, but what it shows last is online.
    const writerPresence = o.history.filter((f) => f.event === 'presence' && (f.data as PresenceEvent).user.id === writer.user.id);
    expect(writerPresence[writerPresence.length - 1]?.data).toEqual({ user: publicUser(writer), online: true });

    // Once the writer closes on B too, it is offline within PRESENCE_EXPIRY_MS.
    await w2.closeAndWait();
    await waitFor('writer offline after closing its connection on B', async () => (await onlineMap(observer, b, group))[writer.user.id] === false, PRESENCE_EXPIRY_MS);
    expect((await onlineMap(observer, b, group))[observer.user.id]).toBe(true);
  }, 120000);

  it('a replacement instance started after the kill chats with the survivor in both directions', async () => {
    const c = cluster();
    const b = c.servers[1];
    const fresh = await c.start();
    const alice = await registerUser(fresh.baseUrl, 'Alice');
    const bob = await registerUser(b.baseUrl, 'Bob');
    const group = (await createGroup(alice, uniqueGroupName('replacement'))).name;
    await joinGroup(bob, group);
    const onB = await c.connect(b, bob);
    const onFresh = await c.connect(fresh, alice);
    expect(await onB.next('presence', (p) => p.user.id === alice.user.id)).toEqual({ user: publicUser(alice), online: true });

    const m1 = await sendMessage(onFresh, group, 'from the new instance');
    expect(await onB.next('message')).toEqual(m1);
    const m2 = await sendMessage(onB, group, 'from the survivor');
    expect(await onFresh.next('message')).toEqual(m2);
    expect([m1.seq, m2.seq]).toEqual([1, 2]);
    onB.send('typing', { group });
    expect(await onFresh.next('typing')).toEqual({ group, user: publicUser(bob) });

    await onFresh.closeAndWait();
    expect(await onB.next('presence', (p) => p.user.id === alice.user.id)).toEqual({ user: publicUser(alice), online: false });
  }, 60000);
});

/** What a reconnecting client does: `GET .../messages?after=<last seq seen>`, page by page. */
async function catchUp(user: TestUser, group: string, lastSeen: number): Promise<Message[]> {
  const out: Message[] = [];
  let after = lastSeen;
  for (;;) {
    const res = await user.api.get<Message[]>(`/api/groups/${encodeURIComponent(group)}/messages?after=${after}&limit=100`);
    if (res.status !== 200) throw new Error(`catch-up failed: ${res.status} ${JSON.stringify(res.body)}`);
    out.push(...res.body);
    if (res.body.length < 100) return out;
    after = res.body[res.body.length - 1].seq;
  }
}

/** Waits (bounded) until `socket` has received every message id in `ids`; returns all messages it received. */
async function waitForMessages(socket: TestSocket, ids: string[], timeoutMs: number): Promise<Message[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = messagesOf(socket);
    const have = new Set(seen.map((m) => m.id));
    const missing = ids.filter((id) => !have.has(id));
    if (missing.length === 0) return seen;
    if (Date.now() >= deadline) {
      throw new Error(`observer never received ${missing.length} message(s) echoed to the writer before the kill: ${missing.join(', ')}`);
    }
    await nextFrame(socket, deadline - Date.now());
  }
}

/** Resolves on the socket's next incoming frame, or after `ms`. */
function nextFrame(socket: TestSocket, ms: number): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      clearTimeout(timer);
      socket.ws.off('message', finish);
      done();
    };
    const timer = setTimeout(finish, Math.max(1, ms));
    socket.ws.on('message', finish);
  });
}

/** Resolves once the child process has exited; fails after `timeoutMs`. */
function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`process ${child.pid} still running after ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}
