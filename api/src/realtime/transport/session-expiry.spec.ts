import { WsCloseCode } from '@chat/protocol';
import { fakeConnection, fakeUser } from './fake-socket.spec-helpers';
import { closeWhenExpired } from './session-expiry';

describe(closeWhenExpired.name, () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  const connectionExpiringIn = (ms: number) => {
    const connection = fakeConnection(fakeUser('ana'));
    (connection.session as { expiresAt: Date }).expiresAt = new Date(Date.now() + ms);
    return connection;
  };

  it('closes with 4401 when the token expires, not before', () => {
    const connection = connectionExpiringIn(2000);
    closeWhenExpired(connection);
    jest.advanceTimersByTime(1999);
    expect(connection.socket.closedWith).toBeUndefined();
    jest.advanceTimersByTime(1);
    expect(connection.socket.closedWith).toEqual({ code: WsCloseCode.Unauthorized, reason: 'Session expired' });
  });

  it('closes at once a token that has already expired', () => {
    const connection = connectionExpiringIn(-1);
    closeWhenExpired(connection);
    expect(connection.socket.closedWith?.code).toBe(WsCloseCode.Unauthorized);
  });

  it('waits out a TTL longer than setTimeout can (2w, 8w) in steps', () => {
    const eightWeeks = 8 * 7 * 86_400_000;
    const connection = connectionExpiringIn(eightWeeks);
    closeWhenExpired(connection);
    jest.advanceTimersByTime(eightWeeks - 1000);
    expect(connection.socket.closedWith).toBeUndefined();
    jest.advanceTimersByTime(1000);
    expect(connection.socket.closedWith?.code).toBe(WsCloseCode.Unauthorized);
  });

  it('forgets the timer when the socket closes first', () => {
    const connection = connectionExpiringIn(2000);
    closeWhenExpired(connection);
    connection.socket.emit('close');
    expect(jest.getTimerCount()).toBe(0);
  });
});
