import { WsCloseCode } from '@chat/protocol';
import { Test, TestingModule } from '@nestjs/testing';
import type { IncomingMessage } from 'node:http';
import type WebSocket from 'ws';
import { loadConfig } from '../../config/app-config';
import { ConfigModule } from '../../config/config.module';
import { EventsModule } from '../../events/events.module';
import { GroupsService } from '../../groups/groups.service';
import type { UserRecord } from '../../storage/records';
import { StorageModule } from '../../storage/storage.module';
import { UsersRepository } from '../../storage/users.repository';
import { UsersModule } from '../../users/users.module';
import { UsersService } from '../../users/users.service';
import { ChatGateway } from './chat.gateway';
import { RealtimeModule } from '../realtime.module';
import { FakeSocket } from './fake-socket.spec-helpers';

describe(ChatGateway.name, () => {
  let moduleRef: TestingModule;
  let gateway: ChatGateway;
  let ana: { id: string; token: string };
  let ben: { id: string; token: string };

  beforeEach(async () => {
    const config = loadConfig({ PASSWORD_HASH_COST: '10' });
    moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), StorageModule, EventsModule, UsersModule, RealtimeModule] }).compile();
    await moduleRef.init();
    gateway = moduleRef.get(ChatGateway);
    const users = moduleRef.get(UsersService);
    const register = async (email: string) => {
      const { user, token } = await users.register({ email, password: 'correct horse' }, '127.0.0.1');
      return { id: user.id, token };
    };
    [ana, ben] = [await register('ana@example.com'), await register('ben@example.com')];
    const groups = moduleRef.get(GroupsService);
    const records = moduleRef.get(UsersRepository);
    await groups.create((await records.findById(ana.id)) as UserRecord, 'General');
    await groups.join((await records.findById(ben.id)) as UserRecord, 'General');
  });

  afterEach(() => moduleRef.close());

  async function connect(token: string): Promise<FakeSocket> {
    const socket = new FakeSocket();
    const request = { headers: {}, url: `/ws?token=${encodeURIComponent(token)}` } as IncomingMessage;
    await gateway.handleConnection(socket as unknown as WebSocket, request);
    return socket;
  }

  const presenceOf = (socket: FakeSocket, userId: string) =>
    socket
      .frames()
      .filter((frame) => frame.event === 'presence' && (frame.data as { user: { id: string } }).user.id === userId)
      .map((frame) => (frame.data as { online: boolean }).online);

  it('sends ready with the user and their groups', async () => {
    const socket = await connect(ana.token);
    expect(socket.frames()[0]).toEqual({
      event: 'ready',
      data: { user: { id: ana.id, email: 'ana@example.com', displayName: 'ana' }, groups: ['General'] },
    });
  });

  it('closes a connection with a bad token with 4401', async () => {
    const socket = await connect('not a token');
    expect(socket.closedWith?.code).toBe(WsCloseCode.Unauthorized);
    expect(socket.sent).toEqual([]);
  });

  it('tells co-members when a user\'s first connection opens and when the last one closes', async () => {
    const anaSocket = await connect(ana.token);
    const benPhone = await connect(ben.token);
    const benLaptop = await connect(ben.token);
    await gateway.handleDisconnect(benPhone as unknown as WebSocket);
    expect(presenceOf(anaSocket, ben.id)).toEqual([true]);
    await gateway.handleDisconnect(benLaptop as unknown as WebSocket);
    expect(presenceOf(anaSocket, ben.id)).toEqual([true, false]);
  });
});
