import { MENTIONS_MAX } from '@chat/protocol';
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
  /**
   * Reactions and mentions (CONTRACT.md, "Reactions", "Mentions").
   *
   * - `reactions`: one row per (message, emoji, user), the primary key, so
   *   a reaction cannot be counted twice whatever races. `emoji_since`, the
   *   rev at which the emoji last went from none to one on that message
   *   (the same on all its rows), orders the message's list.
   * - `messages.mentions` keeps the derived ids in order; `message_mentions`
   *   indexes them by user, so a member's mention count above a marker is
   *   an index range, not a scan of the unread history. A trigger keeps it
   *   in step with the column on every insert and update (a tombstone's
   *   mentions are `{}`), so no statement can forget it.
   * - `mentions_of` is the derivation rule, run in the statement that
   *   stores the text: membership is read under the group's lock.
   */
  '0003_reactions_mentions': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        ALTER TABLE messages ADD COLUMN mentions uuid[] NOT NULL DEFAULT '{}';
        CREATE TABLE reactions (
          group_key text NOT NULL,
          seq bigint NOT NULL,
          emoji text NOT NULL,
          user_id uuid NOT NULL REFERENCES users (id),
          emoji_since bigint NOT NULL,
          reacted_rev bigint NOT NULL,
          PRIMARY KEY (group_key, seq, emoji, user_id),
          FOREIGN KEY (group_key, seq) REFERENCES messages (group_key, seq)
        );
        CREATE TABLE message_mentions (
          group_key text NOT NULL,
          seq bigint NOT NULL,
          user_id uuid NOT NULL,
          PRIMARY KEY (group_key, seq, user_id),
          FOREIGN KEY (group_key, seq) REFERENCES messages (group_key, seq)
        );
        CREATE INDEX message_mentions_by_user ON message_mentions (user_id, group_key, seq);

        CREATE FUNCTION index_message_mentions() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' THEN
            DELETE FROM message_mentions WHERE group_key = OLD.group_key AND seq = OLD.seq;
          END IF;
          INSERT INTO message_mentions (group_key, seq, user_id)
            SELECT NEW.group_key, NEW.seq, mentioned FROM unnest(NEW.mentions) AS mentioned;
          RETURN NULL;
        END $$;
        CREATE TRIGGER messages_mentions_inserted AFTER INSERT ON messages
          FOR EACH ROW WHEN (cardinality(NEW.mentions) > 0) EXECUTE FUNCTION index_message_mentions();
        CREATE TRIGGER messages_mentions_updated AFTER UPDATE OF mentions ON messages
          FOR EACH ROW WHEN (OLD.mentions IS DISTINCT FROM NEW.mentions) EXECUTE FUNCTION index_message_mentions();

        CREATE FUNCTION mentions_of(group_key text, sender uuid, reply_to bigint, tokens uuid[]) RETURNS uuid[]
        LANGUAGE sql STABLE AS $$
          SELECT coalesce(array_agg(id ORDER BY first), '{}') FROM (
            SELECT id, min(ord) AS first FROM (
              SELECT o.sender_id AS id, 0::bigint AS ord FROM messages o WHERE o.group_key = mentions_of.group_key AND o.seq = mentions_of.reply_to
              UNION ALL
              SELECT t.id, t.ord FROM unnest(tokens) WITH ORDINALITY AS t (id, ord)
            ) named
            WHERE id <> sender
              AND EXISTS (SELECT 1 FROM memberships m WHERE m.group_key = mentions_of.group_key AND m.user_id = named.id)
            GROUP BY id ORDER BY first LIMIT ${sql.lit(MENTIONS_MAX)}
          ) kept
        $$;
      `.execute(db);
    },
  },
  /**
   * Direct messages (CONTRACT.md, "Direct messages"): a dm is a group of
   * kind 'dm' (so every group route, event and table works with it) plus a
   * `dms` row naming its pair. The pair's uniqueness is this table's
   * constraint, whatever the order of the two and however many open it at
   * once; the group's key is derived from the pair too, so the second
   * opener's insert meets the first one's row and does nothing.
   * `groups_listed` serves `GET /api/groups`, which lists named groups only.
   */
  '0004_direct_messages': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        ALTER TABLE groups ADD COLUMN kind text NOT NULL DEFAULT 'group' CHECK (kind IN ('group', 'dm'));
        CREATE INDEX groups_listed ON groups (created_at, key) WHERE kind = 'group';
        CREATE TABLE dms (
          group_key text PRIMARY KEY REFERENCES groups (key),
          user_low uuid NOT NULL REFERENCES users (id),
          user_high uuid NOT NULL REFERENCES users (id),
          CONSTRAINT dms_pair_ordered CHECK (user_low < user_high),
          CONSTRAINT dms_pair_unique UNIQUE (user_low, user_high)
        );
      `.execute(db);
    },
  },
  /**
   * Search (CONTRACT.md, "Search"; docs/decisions/search.md): a trigram
   * index (pg_trgm, shipped with PostgreSQL) on the lower-cased text serves
   * `LIKE '%term%'` for any term with three letters or digits in a row,
   * whatever the language, and follows edits and deletes as the row does.
   */
  '0005_search': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX messages_text_trgm ON messages USING gin (lower(text) gin_trgm_ops);
      `.execute(db);
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
