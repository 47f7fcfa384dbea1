import type { ColumnType, Generated } from 'kysely';

/** The tables, as Kysely sees them (see migrations.ts for the DDL). */
export interface Tables {
  users: {
    id: string;
    email: string;
    display_name: string;
    password_hash: string;
    created_at: ColumnType<Date, Date | undefined, never>;
  };
  groups: {
    key: string;
    name: string;
    created_at: ColumnType<Date, Date | undefined, never>;
    created_by: string;
    kind: Generated<'group' | 'dm'>;
    member_count: Generated<number>;
    last_seq: Generated<number>;
    last_rev: Generated<number>;
  };
  memberships: {
    group_key: string;
    user_id: string;
    read_seq: number;
    joined_at: ColumnType<Date, Date | undefined, never>;
  };
  dms: {
    group_key: string;
    user_low: string;
    user_high: string;
  };
  messages: {
    id: string;
    group_key: string;
    seq: number;
    sender_id: string;
    text: string;
    client_msg_id: string;
    created_at: ColumnType<Date, Date | undefined, never>;
    rev: number;
    edited_at: Date | null;
    deleted: Generated<boolean>;
    reply_to: number | null;
    mentions: Generated<string[]>;
  };
  reactions: {
    group_key: string;
    seq: number;
    emoji: string;
    user_id: string;
    emoji_since: number;
    reacted_rev: number;
  };
  message_mentions: {
    group_key: string;
    seq: number;
    user_id: string;
  };
  revoked_tokens: {
    token_id: string;
    expires_at: Date;
  };
  login_attempts: {
    key: string;
    count: number;
    reset_at: Date;
  };
}
