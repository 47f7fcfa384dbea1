import { Injectable } from '@nestjs/common';
import type { GroupRecord, MessageRecord, UserRecord } from '../records';

export interface Membership {
  readSeq: number;
}

/**
 * A group's messages: one map lookup finds the log and its indexes.
 * Records are never changed in place: an edit or a delete stores a new
 * record at the same index, so a page handed out stays as it was read.
 */
export interface GroupLog {
  /** Index = seq - 1. */
  readonly records: MessageRecord[];
  /**
   * sender id → clientMsgId → seq. Nested maps rather than one map keyed
   * by the joined ids: no key string is built per send
   * (docs/decisions/hot-path-allocations.md).
   */
  readonly bySender: Map<string, Map<string, number>>;
  /** Index = rev - 1: the seq whose change took that rev (stale once the message changed again). */
  readonly seqByRev: number[];
  /** Seqs of deleted messages, ascending: unread counts subtract those above a marker. */
  readonly deletedSeqs: number[];
  /** user id → seqs of the messages that mention them now, ascending: mention counts above a marker. */
  readonly mentionSeqs: Map<string, number[]>;
}

export function emptyLog(): GroupLog {
  return { records: [], bySender: new Map(), seqByRev: [], deletedSeqs: [], mentionSeqs: new Map() };
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
