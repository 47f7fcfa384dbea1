import { Injectable } from '@nestjs/common';
import type { GroupRecord, MessageRecord, UserRecord } from '../records';

export interface Membership {
  readSeq: number;
}

/** A group's messages: one map lookup finds both the log and its idempotency index. */
export interface GroupLog {
  /** Index = seq - 1. */
  readonly records: MessageRecord[];
  /**
   * sender id → clientMsgId → message. Nested maps rather than one map
   * keyed by the joined ids: no key string is built per send
   * (docs/decisions/hot-path-allocations.md).
   */
  readonly bySender: Map<string, Map<string, MessageRecord>>;
}

/**
 * The state of the in-memory store: one instance shared by the in-memory
 * adapters, so that, like tables of one database, they see each other's
 * writes (a message raises its group's lastSeq, a join reads it).
 * Only the adapters in this folder touch these maps.
 */
@Injectable()
export class MemoryDatabase {
  readonly users = new Map<string, UserRecord>();
  readonly userIdsByEmail = new Map<string, string>();
  readonly groups = new Map<string, GroupRecord>();
  /** group key → user id → membership, in join order. */
  readonly members = new Map<string, Map<string, Membership>>();
  /** user id → group keys. */
  readonly groupsOfUser = new Map<string, Set<string>>();
  /** group key → its messages. */
  readonly messages = new Map<string, GroupLog>();
  readonly revokedTokens = new Map<string, number>();
  readonly loginFailures = new Map<string, { count: number; resetAt: number }>();
  readonly connectionCounts = new Map<string, number>();
}
