import { Global, Module, Provider } from '@nestjs/common';
import { GroupsRepository } from './groups.repository';
import { LoginFailuresRepository } from './login-failures.repository';
import { MemoryDatabase } from './memory/memory-database';
import { MemoryGroupsRepository } from './memory/memory-groups.repository';
import { MemoryLoginFailuresRepository } from './memory/memory-login-failures.repository';
import { MemoryMessagesRepository } from './memory/memory-messages.repository';
import { MemoryPresenceRepository } from './memory/memory-presence.repository';
import { MemoryReadMarkersRepository } from './memory/memory-read-markers.repository';
import { MemoryRevokedTokensRepository } from './memory/memory-revoked-tokens.repository';
import { MemoryUsersRepository } from './memory/memory-users.repository';
import { MessagesRepository } from './messages.repository';
import { PresenceRepository } from './presence.repository';
import { ReadMarkersRepository } from './read-markers.repository';
import { RevokedTokensRepository } from './revoked-tokens.repository';
import { UsersRepository } from './users.repository';

/**
 * Binds each storage port to its adapter. In memory is the default (nothing
 * to set up); the PostgreSQL and Redis adapters are chosen here from the
 * configuration once they exist, and nothing else changes.
 */
const memoryAdapters: Provider[] = [
  MemoryDatabase,
  { provide: UsersRepository, useClass: MemoryUsersRepository },
  { provide: GroupsRepository, useClass: MemoryGroupsRepository },
  { provide: MessagesRepository, useClass: MemoryMessagesRepository },
  { provide: ReadMarkersRepository, useClass: MemoryReadMarkersRepository },
  { provide: RevokedTokensRepository, useClass: MemoryRevokedTokensRepository },
  { provide: LoginFailuresRepository, useClass: MemoryLoginFailuresRepository },
  { provide: PresenceRepository, useClass: MemoryPresenceRepository },
];

@Global()
@Module({
  providers: memoryAdapters,
  exports: [
    UsersRepository,
    GroupsRepository,
    MessagesRepository,
    ReadMarkersRepository,
    RevokedTokensRepository,
    LoginFailuresRepository,
    PresenceRepository,
  ],
})
export class StorageModule {}
