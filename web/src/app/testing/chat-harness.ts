import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ChangesPage, Dm, Group, GroupDetail, Message, OwnUser, User } from '@chat/protocol';
import { STORAGE, WS_URL } from '../core/endpoints';
import { SessionStore } from '../core/session.store';
import { ChatSession } from '../chat/state/chat-session.store';
import { FakeWebSocket } from './fake-web-socket';
import { MemoryStorage } from './memory-storage';

export const me: OwnUser = { id: 'u-me', email: 'me@example.com', displayName: 'me' };
/** Me as the server shows me in messages, members and events: without the email. */
export const meInPublic: User = { id: me.id, displayName: me.displayName };
export const bob: User = { id: 'u-bob', displayName: 'bob' };
export const carol: User = { id: 'u-carol', displayName: 'carol' };

export function group(name: string, lastSeq: number, readSeq = lastSeq, joined = true): Group {
  // Each message took one revision and nothing changed since: lastRev = lastSeq.
  const base: Group = { name, kind: 'group', createdAt: '2024-01-01T00:00:00.000Z', createdBy: bob, memberCount: 2, joined, lastSeq, lastRev: lastSeq };
  return joined ? { ...base, readSeq, unread: lastSeq - readSeq } : base;
}

/** My dm with `other` (named as the server would: `@` and 26 characters), opened by them at `createdAt`. */
export function dm(other: User, lastSeq = 0, readSeq = lastSeq, createdAt = '2024-01-02T00:00:00.000Z'): Dm {
  return {
    ...group(`@${other.id.replace(/[^a-z]/g, '').padEnd(26, 'a')}`, lastSeq, readSeq),
    kind: 'dm',
    createdAt,
    createdBy: other,
    mentionUnread: 0,
    members: [other, meInPublic],
  };
}

/** The answer to the list refresh: `GET /api/groups` and `GET /api/dms`, which always go together. */
export interface ListRefresh {
  /** Answers the groups as given (or fails them), and the dms with `dms`. */
  flush(...args: Parameters<TestRequest['flush']>): void;
}

/** Message `seq` as first sent: its rev is its seq (no edits anywhere yet). */
export function msg(seq: number, sender: User = bob, groupName = 'general', clientMsgId = `c-${groupName}-${seq}`): Message {
  return {
    id: `m-${groupName}-${seq}`,
    group: groupName,
    seq,
    rev: seq,
    sender,
    text: `text ${seq}`,
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, seq)).toISOString(),
    clientMsgId,
    editedAt: null,
    deleted: false,
    replyTo: null,
    mentions: [],
    reactions: [],
  };
}

export function range(from: number, to: number, groupName = 'general'): Message[] {
  return Array.from({ length: to - from + 1 }, (_, i) => msg(from + i, bob, groupName));
}

/** A changes page: these messages, ascending by rev, and the group's newest rev. */
export function changes(messages: Message[], lastRev = 0, more = false): ChangesPage {
  const sorted = [...messages].sort((a, b) => a.rev - b.rev);
  return { messages: sorted, lastRev: Math.max(lastRev, ...sorted.map((m) => m.rev)), more };
}

/** Lets pending promise continuations (the stores' async steps) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/**
 * The chat stores against a fake server: REST through HttpTestingController,
 * the socket through FakeWebSocket, storage in memory, fake timers, signed
 * in as `me`. `useChatHarness()` sets it up before each test of the file.
 */
export class ChatHarness {
  storage = new MemoryStorage();
  groupsOnServer: Group[] = [];
  dmsOnServer: Dm[] = [];
  private httpController: HttpTestingController | null = null;

  get http(): HttpTestingController {
    if (!this.httpController) throw new Error('the harness is not set up');
    return this.httpController;
  }

  get chat(): ChatSession {
    return TestBed.inject(ChatSession);
  }

  socket(): FakeWebSocket {
    return FakeWebSocket.last;
  }

  sentFrames(event: string): { event: string; data: Record<string, unknown> }[] {
    return FakeWebSocket.instances.flatMap((ws) => ws.sent).filter((frame) => frame.event === event);
  }

  /** The clientMsgId of the n-th `send` frame. */
  sentId(index = 0): string {
    return this.sentFrames('send')[index].data['clientMsgId'] as string;
  }

  /** The list refresh on its way: its two requests, answered together (the dms with `dms`). */
  expectGroupsList(dms: Dm[] = this.dmsOnServer): ListRefresh {
    const groups = this.http.expectOne((req) => req.method === 'GET' && req.url === '/api/groups', 'GET /api/groups');
    const dmsRequest = this.expectDmsList();
    return {
      flush: (...args) => {
        dmsRequest.flush(dms);
        groups.flush(...args);
      },
    };
  }

  expectDmsList(): TestRequest {
    return this.http.expectOne((req) => req.method === 'GET' && req.url === '/api/dms', 'GET /api/dms');
  }

  expectHistory(name: string, params: Record<string, string>): TestRequest {
    const described = `GET /api/groups/${name}/messages ${JSON.stringify(params)}`;
    return this.http.expectOne((req) => {
      if (req.method !== 'GET' || req.url !== `/api/groups/${encodeURIComponent(name)}/messages`) return false;
      const keys = req.params.keys();
      return keys.length === Object.keys(params).length && keys.every((key) => req.params.get(key) === params[key]);
    }, described);
  }

  /** `GET /api/search` with exactly these parameters. */
  expectSearch(params: Record<string, string>): TestRequest {
    return this.http.expectOne((req) => {
      if (req.method !== 'GET' || req.url !== '/api/search') return false;
      const keys = req.params.keys();
      return keys.length === Object.keys(params).length && keys.every((key) => req.params.get(key) === params[key]);
    }, `GET /api/search ${JSON.stringify(params)}`);
  }

  /** The session starts and the groups load. */
  async start(): Promise<void> {
    this.chat.start();
    this.expectGroupsList().flush(this.groupsOnServer);
    await settle();
  }

  /** The socket opens and says ready; the groups are refreshed. */
  async ready(): Promise<void> {
    this.socket().accept();
    const names = [...this.groupsOnServer.filter((g) => g.joined), ...this.dmsOnServer].map((g) => g.name);
    this.socket().emit('ready', { user: me, groups: names });
    this.expectGroupsList().flush(this.groupsOnServer);
    await settle();
  }

  expectChanges(name: string, after: number): TestRequest {
    const described = `GET /api/groups/${name}/changes?after=${after}&limit=100`;
    return this.http.expectOne((req) => {
      if (req.method !== 'GET' || req.url !== `/api/groups/${encodeURIComponent(name)}/changes`) return false;
      return req.params.keys().length === 2 && req.params.get('after') === String(after) && req.params.get('limit') === '100';
    }, described);
  }

  /** Opens a group: its newest page, what changed meanwhile (after the group's lastRev), then its members. */
  async open(name: string, page: Message[], after: Message[] = []): Promise<void> {
    const opening = this.chat.open(name);
    const lastRev = this.chat.active()?.lastRev ?? 0;
    this.expectHistory(name, { limit: '50' }).flush(page);
    await settle();
    const last = page[page.length - 1]?.seq ?? 0;
    this.expectChanges(name, lastRev).flush(changes(after, Math.max(lastRev, ...page.map((m) => m.rev))));
    await opening;
    const listed = [...this.groupsOnServer, ...this.dmsOnServer].find((g) => g.name === name) ?? group(name, last);
    const people = listed.kind === 'dm' ? (listed as Dm).members : [meInPublic, bob];
    const detail: GroupDetail = { ...listed, members: people.map((person) => ({ ...person, online: person.id === me.id })) };
    this.http.expectOne(`/api/groups/${encodeURIComponent(name)}`).flush(detail);
    await settle();
  }

  /** The connection drops and comes back after the first backoff delay. */
  reconnect(): void {
    this.socket().drop();
    jest.advanceTimersByTime(500);
  }

  setUp(): void {
    jest.useFakeTimers();
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    FakeWebSocket.instances = [];
    (globalThis as { WebSocket: unknown }).WebSocket = FakeWebSocket;
    this.storage = new MemoryStorage();
    this.groupsOnServer = [group('general', 3), group('random', 0), group('elsewhere', 7, 0, false)];
    this.dmsOnServer = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: STORAGE, useValue: this.storage },
        { provide: WS_URL, useValue: 'ws://chat.test/ws' },
      ],
    });
    TestBed.inject(SessionStore).start({ user: me, token: 'my token' });
    this.httpController = TestBed.inject(HttpTestingController);
  }

  tearDown(originalWebSocket: typeof WebSocket): void {
    this.http.verify();
    this.httpController = null;
    TestBed.resetTestingModule();
    globalThis.WebSocket = originalWebSocket;
    jest.useRealTimers();
    jest.restoreAllMocks();
  }
}

export function useChatHarness(): ChatHarness {
  const harness = new ChatHarness();
  const originalWebSocket = globalThis.WebSocket;
  beforeEach(() => harness.setUp());
  afterEach(() => harness.tearDown(originalWebSocket));
  return harness;
}
