import { ConnectionRegistry } from './connection-registry';
import { fakeConnection, fakeUser } from '../transport/fake-socket.spec-helpers';

describe(ConnectionRegistry.name, () => {
  const ana = fakeUser('ana');
  const ben = fakeUser('ben');
  let registry: ConnectionRegistry;

  beforeEach(() => {
    registry = new ConnectionRegistry();
  });

  it('finds connections by user and by token', () => {
    const phone = fakeConnection(ana, 't1');
    const laptop = fakeConnection(ana, 't2');
    const laptopTab = fakeConnection(ana, 't2');
    [phone, laptop, laptopTab].forEach((c) => registry.add(c));
    expect([...registry.connectionsOf(ana.id)]).toEqual([phone, laptop, laptopTab]);
    expect([...registry.connectionsOfToken('t2')]).toEqual([laptop, laptopTab]);
    expect(registry.connectionsOf(ben.id).size).toBe(0);
    expect(registry.size).toBe(3);
  });

  it('subscribes only users with a connection here', () => {
    registry.add(fakeConnection(ana));
    registry.subscribe(ana.id, 'general');
    registry.subscribe(ben.id, 'general');
    expect([...registry.membersOf('general')]).toEqual([ana.id]);
    expect([...registry.groupsOf(ana.id)]).toEqual(['general']);
    expect(registry.groupsOf(ben.id).size).toBe(0);
  });

  it('unsubscribes one group', () => {
    registry.add(fakeConnection(ana));
    registry.subscribe(ana.id, 'general');
    registry.subscribe(ana.id, 'random');
    registry.unsubscribe(ana.id, 'general');
    expect(registry.membersOf('general').size).toBe(0);
    expect([...registry.groupsOf(ana.id)]).toEqual(['random']);
  });

  it('keeps the subscriptions until the user\'s last connection here is removed', () => {
    const phone = fakeConnection(ana);
    const laptop = fakeConnection(ana);
    registry.add(phone);
    registry.add(laptop);
    registry.subscribe(ana.id, 'general');
    registry.remove(phone);
    expect([...registry.membersOf('general')]).toEqual([ana.id]);
    registry.remove(laptop);
    registry.remove(laptop); // twice is harmless
    expect(registry.membersOf('general').size).toBe(0);
    expect(registry.connectionsOf(ana.id).size).toBe(0);
    expect(registry.size).toBe(0);
  });
});
