import { Global, Logger, Module, Provider, Type } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DmsRepository } from './dms.repository';
import { GroupsRepository } from './groups.repository';
import { LoginFailuresRepository } from './login-failures.repository';
import { MemoryDatabase } from './memory/memory-database';
import { MemoryDmsRepository } from './memory/memory-dms.repository';
import { MemoryGroupsRepository } from './memory/memory-groups.repository';
import { MemoryLoginFailuresRepository } from './memory/memory-login-failures.repository';
import { MemoryMessagesRepository } from './memory/memory-messages.repository';
import { MemoryPresenceRepository } from './memory/memory-presence.repository';
import { MemoryReactionsRepository } from './memory/memory-reactions.repository';
import { MemoryReadMarkersRepository } from './memory/memory-read-markers.repository';
import { MemoryRevokedTokensRepository } from './memory/memory-revoked-tokens.repository';
import { MemorySearchRepository } from './memory/memory-search.repository';
import { MemoryUsersRepository } from './memory/memory-users.repository';
import { MessagesRepository } from './messages.repository';
import { PostgresDatabase } from './postgres/postgres-database';
import { PostgresDmsRepository } from './postgres/postgres-dms.repository';
import { PostgresGroupsRepository } from './postgres/postgres-groups.repository';
import { PostgresLoginFailuresRepository } from './postgres/postgres-login-failures.repository';
import { PostgresMessagesRepository } from './postgres/postgres-messages.repository';
import { PostgresReactionsRepository } from './postgres/postgres-reactions.repository';
import { PostgresReadMarkersRepository } from './postgres/postgres-read-markers.repository';
import { PostgresRevokedTokensRepository } from './postgres/postgres-revoked-tokens.repository';
import { PostgresSearchRepository } from './postgres/postgres-search.repository';
import { PostgresUsersRepository } from './postgres/postgres-users.repository';
import { PresenceRepository } from './presence.repository';
import { RedisPresenceRepository } from './redis/redis-presence.repository';
import { ReactionsRepository } from './reactions.repository';
import { ReadMarkersRepository } from './read-markers.repository';
import { RevokedTokensRepository } from './revoked-tokens.repository';
import { SearchRepository } from './search.repository';
import { UsersRepository } from './users.repository';

type Adapter<T> = Type<T> & (new (...args: any[]) => T);

/** Each port, its in-memory adapter and its PostgreSQL adapter (if it has one). */
const PORTS: Array<[port: abstract new (...args: any[]) => unknown, memory: Adapter<unknown>, postgres?: Adapter<unknown>]> = [
  [UsersRepository, MemoryUsersRepository, PostgresUsersRepository],
  [GroupsRepository, MemoryGroupsRepository, PostgresGroupsRepository],
  [DmsRepository, MemoryDmsRepository, PostgresDmsRepository],
  [MessagesRepository, MemoryMessagesRepository, PostgresMessagesRepository],
  [ReactionsRepository, MemoryReactionsRepository, PostgresReactionsRepository],
  [ReadMarkersRepository, MemoryReadMarkersRepository, PostgresReadMarkersRepository],
  [SearchRepository, MemorySearchRepository, PostgresSearchRepository],
  [RevokedTokensRepository, MemoryRevokedTokensRepository, PostgresRevokedTokensRepository],
  [LoginFailuresRepository, MemoryLoginFailuresRepository, PostgresLoginFailuresRepository],
];

/** Connects and migrates when DATABASE_URL is set; `null` keeps everything in memory. */
const postgresProvider: Provider = {
  provide: PostgresDatabase,
  inject: [AppConfig],
  useFactory: async (config: AppConfig): Promise<PostgresDatabase | null> => {
    if (!config.databaseUrl) return null;
    const database = new PostgresDatabase(config.databaseUrl);
    const applied = await database.migrate();
    new Logger('Storage').log({ migrations: applied }, 'PostgreSQL storage ready');
    return database;
  },
};

/**
 * Binds each storage port to its adapter: in memory by default (nothing to
 * set up), PostgreSQL when DATABASE_URL is set. Nothing else in the app
 * knows which.
 */
@Global()
@Module({
  providers: [
    MemoryDatabase,
    postgresProvider,
    // Connection counts: per process, or across instances through Redis.
    {
      provide: PresenceRepository,
      inject: [AppConfig, MemoryDatabase],
      useFactory: (config: AppConfig, memoryDb: MemoryDatabase) =>
        config.redisUrl ? new RedisPresenceRepository(config.redisUrl, config.redisPrefix) : new MemoryPresenceRepository(memoryDb),
    },
    ...PORTS.map(([port, memory, postgres]) => ({
      provide: port,
      inject: [MemoryDatabase, PostgresDatabase],
      useFactory: (memoryDb: MemoryDatabase, postgresDb: PostgresDatabase | null) =>
        postgresDb && postgres ? new postgres(postgresDb) : new memory(memoryDb),
    })),
  ],
  // PostgresDatabase (or null, in memory) for the readiness check's ping.
  exports: [...PORTS.map(([port]) => port), PresenceRepository, PostgresDatabase],
})
export class StorageModule {}
