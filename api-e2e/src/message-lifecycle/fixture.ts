import { createGroup, joinGroup, registerUser, TestUser, uniqueGroupName } from '../support/api-client';
import { ConnectedSocket, SocketPool } from '../support/chat';
import type { RunningServer } from '../support/server';
import { useServer } from '../support/setup';

export interface People {
  alice: TestUser;
  bob: TestUser;
  /** Never a member of the rooms. */
  carol: TestUser;
}

/** A group of Alice's that Bob joined, with sockets open before anything was sent. */
export interface Room {
  group: string;
  /** Alice's two tabs. */
  a1: ConnectedSocket;
  a2: ConnectedSocket;
  b: ConnectedSocket;
  /** Carol's: she is not a member and must hear nothing. */
  c: ConnectedSocket;
  /** Every member connection. */
  members: ConnectedSocket[];
}

/**
 * For a spec file: its own server, Alice, Bob and Carol (beforeAll), and a
 * fresh room per test; every socket is closed after each test.
 */
export function useLifecycle(env: Record<string, string> = {}): { server: () => RunningServer; sockets: SocketPool; people: () => People; room: (tag: string) => Promise<Room> } {
  const server = useServer(env);
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());
  let people: People | undefined;
  beforeAll(async () => {
    const [alice, bob, carol] = await Promise.all(['Alice', 'Bob', 'Carol'].map((n) => registerUser(server().baseUrl, n)));
    people = { alice, bob, carol };
  });
  const who = () => {
    if (!people) throw new Error('users not registered');
    return people;
  };
  async function room(tag: string): Promise<Room> {
    const { alice, bob, carol } = who();
    const group = (await createGroup(alice, uniqueGroupName(tag))).name;
    await joinGroup(bob, group);
    const [a1, a2, b, c] = await Promise.all([sockets.connect(alice), sockets.connect(alice), sockets.connect(bob), sockets.connect(carol)]);
    return { group, a1, a2, b, c, members: [a1, a2, b] };
  }
  return { server, sockets, people: who, room };
}

