import { REPLY_EXCERPT_LENGTH } from '@chat/protocol';
import type { Selectable } from 'kysely';
import type { MessageRecord, ReactionRecord } from '../records';
import type { Tables } from './schema';
import type { PreparedStatement } from './postgres-database';

/**
 * How a message row is read, shared by every statement that returns one:
 * the row, what it shows of the message it answers, and its reactions.
 */

/** A message row with what it shows of the message it answers (all null when it answers none) and its reactions. */
export type MessageRow = Selectable<Tables['messages']> & {
  reply_sender_id: string | null;
  reply_excerpt: string | null;
  reply_deleted: boolean | null;
  /** `[{emoji, users}]` in the message's order, or null for a row of nulls. */
  reactions: ReactionRecord[] | null;
};

/** What a message row `m` shows of the message it answers (joined as `o`, see REPLY_JOIN). */
const REPLY_COLUMNS = `o.sender_id AS reply_sender_id, left(o.text, ${REPLY_EXCERPT_LENGTH}) AS reply_excerpt, o.deleted AS reply_deleted`;

/** The reactions of a message row `m`, aggregated through the primary key (an index range per message; most have none). */
const REACTIONS_OF_ROW = `(SELECT json_agg(json_build_object('emoji', r.emoji, 'userIds', r.user_ids) ORDER BY r.since)
   FROM (SELECT emoji, min(emoji_since) AS since, array_agg(user_id ORDER BY reacted_rev) AS user_ids
         FROM reactions WHERE group_key = m.group_key AND seq = m.seq GROUP BY emoji) r)`;

/** Columns read with a message row `m`: the answered message and the reactions. */
export const MESSAGE_EXTRAS = `${REPLY_COLUMNS}, ${REACTIONS_OF_ROW} AS reactions`;

/**
 * The same for an append's outcome: a message just created has no
 * reactions, so only a repeat's are read (the send path skips the probe).
 */
export const APPENDED_EXTRAS = `${REPLY_COLUMNS}, CASE WHEN m.outcome = 'repeat' THEN ${REACTIONS_OF_ROW} END AS reactions`;

export const REPLY_JOIN = 'LEFT JOIN messages o ON o.group_key = m.group_key AND o.seq = m.reply_to';

/** The message at a seq, read after its group's row was locked: $1 group key, $2 seq. */
export const MESSAGE_AT: PreparedStatement = {
  name: 'message_at',
  text: `SELECT m.*, ${MESSAGE_EXTRAS} FROM messages m ${REPLY_JOIN} WHERE m.group_key = $1 AND m.seq = $2`,
};

/**
 * $1 group key, $2 user id: the group's name and lastRev, and whether the
 * user is a member; the row stays locked, as an append locks it, so the
 * rev a change takes next is the group's next on every instance and
 * changes to one group take turns.
 */
export const LOCK_GROUP: PreparedStatement = {
  name: 'lock_group_for_change',
  text: `SELECT g.name, g.last_rev, EXISTS (SELECT 1 FROM memberships m WHERE m.group_key = g.key AND m.user_id = $2::uuid) AS member
         FROM groups g WHERE g.key = $1 FOR UPDATE OF g`,
};

export interface LockedGroup {
  name: string;
  last_rev: number;
  member: boolean;
}

/** A tombstone shows no mentions or reactions, whatever a statement's snapshot still saw. */
export function toMessage(row: MessageRow): MessageRecord {
  return {
    id: row.id,
    groupKey: row.group_key,
    seq: row.seq,
    rev: row.rev,
    senderId: row.sender_id,
    text: row.text,
    clientMsgId: row.client_msg_id,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deleted: row.deleted,
    replyTo: row.reply_to,
    repliedTo: row.reply_sender_id === null ? null : { senderId: row.reply_sender_id, excerpt: row.reply_excerpt ?? '', deleted: row.reply_deleted ?? false },
    mentions: row.deleted ? [] : row.mentions,
    reactions: row.deleted ? [] : (row.reactions ?? []),
  };
}

/**
 * Strings that can be a user's id here: ids are uuids as PostgreSQL prints
 * them, lower case. Anything else names no one (ids are compared exactly,
 * as in memory, although a `::uuid` cast would take upper case), and must
 * not fail a `::uuid[]` cast.
 */
export function uuidTokens(tokens: readonly string[]): string[] {
  return tokens.filter((token) => UUID.test(token));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
