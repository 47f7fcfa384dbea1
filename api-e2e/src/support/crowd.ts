import { joinGroup, registerUser, TestUser } from './api-client';
import type { ConnectedSocket } from './chat';
import { People, Room, useLifecycle } from '../message-lifecycle/fixture';

/** A room with two more members, Dave and Erin, each with a socket of their own. */
export interface Crowd extends Room {
  d: ConnectedSocket;
  e: ConnectedSocket;
}

/**
 * `useLifecycle` (Alice with two tabs, Bob, Carol the outsider) plus Dave and
 * Erin, registered once for the spec file, for tests of more than two members.
 */
export function useCrowd(env: Record<string, string> = {}) {
  const life = useLifecycle(env);
  let more: { dave: TestUser; erin: TestUser } | undefined;
  beforeAll(async () => {
    const [dave, erin] = await Promise.all(['Dave', 'Erin'].map((name) => registerUser(life.server().baseUrl, name)));
    more = { dave, erin };
  });
  const everyone = (): People & { dave: TestUser; erin: TestUser } => {
    if (!more) throw new Error('users not registered');
    return { ...life.people(), ...more };
  };
  async function crowd(tag: string): Promise<Crowd> {
    const { dave, erin } = everyone();
    const room = await life.room(tag);
    await Promise.all([joinGroup(dave, room.group), joinGroup(erin, room.group)]);
    const [d, e] = await Promise.all([life.sockets.connect(dave), life.sockets.connect(erin)]);
    return { ...room, d, e, members: [...room.members, d, e] };
  }
  return { ...life, everyone, crowd };
}
