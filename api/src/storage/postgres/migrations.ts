import { Kysely, Migration, MigrationProvider, sql } from 'kysely';

/**
 * The schema, one migration per change, applied in order at start (and by
 * `node dist/api/main.js migrate`). Constraints carry the contract's
 * promises into the database itself: one seq per group position, one
 * message per (group, sender, clientMsgId), group names unique regardless
 * of case.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        CREATE TABLE users (
          id uuid PRIMARY KEY,
          email text NOT NULL UNIQUE,
          display_name text NOT NULL,
          password_hash text NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE groups (
          key text PRIMARY KEY,
          name text NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now(),
          created_by uuid NOT NULL REFERENCES users (id),
          member_count integer NOT NULL DEFAULT 0,
          last_seq bigint NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX groups_name_any_case ON groups (lower(name));
        CREATE TABLE memberships (
          group_key text NOT NULL REFERENCES groups (key),
          user_id uuid NOT NULL REFERENCES users (id),
          read_seq bigint NOT NULL,
          joined_at timestamptz NOT NULL DEFAULT clock_timestamp(),
          PRIMARY KEY (group_key, user_id)
        );
        CREATE INDEX memberships_by_user ON memberships (user_id);
        CREATE TABLE messages (
          id uuid PRIMARY KEY,
          group_key text NOT NULL REFERENCES groups (key),
          seq bigint NOT NULL,
          sender_id uuid NOT NULL REFERENCES users (id),
          text text NOT NULL,
          client_msg_id text NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now(),
          CONSTRAINT messages_seq_unique UNIQUE (group_key, seq),
          CONSTRAINT messages_client_id_unique UNIQUE (group_key, sender_id, client_msg_id)
        );
        CREATE TABLE revoked_tokens (
          token_id text PRIMARY KEY,
          expires_at timestamptz NOT NULL
        );
        CREATE TABLE login_attempts (
          key text PRIMARY KEY,
          count integer NOT NULL,
          reset_at timestamptz NOT NULL
        );
      `.execute(db);
    },
  },
  /**
   * Revisions (CONTRACT.md, "Revisions"), edits, deletes and replies. An
   * existing message gets rev = seq, so an existing database's history
   * stays gapless in both numbers and can be caught up with `changes`.
   * The partial index holds only tombstones: an unread count subtracts the
   * deleted messages above a marker by reading those few rows, not by
   * counting a long history.
   */
  '0002_revisions': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        ALTER TABLE groups ADD COLUMN last_rev bigint NOT NULL DEFAULT 0;
        ALTER TABLE messages
          ADD COLUMN rev bigint,
          ADD COLUMN edited_at timestamptz,
          ADD COLUMN deleted boolean NOT NULL DEFAULT false,
          ADD COLUMN reply_to bigint;
        UPDATE messages SET rev = seq;
        UPDATE groups SET last_rev = last_seq;
        ALTER TABLE messages ALTER COLUMN rev SET NOT NULL;
        ALTER TABLE messages ADD CONSTRAINT messages_rev_unique UNIQUE (group_key, rev);
        CREATE INDEX messages_deleted ON messages (group_key, seq) WHERE deleted;
      `.execute(db);
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
