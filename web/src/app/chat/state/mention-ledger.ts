import { groupKey } from '@chat/protocol';

/**
 * Per group, whether each unread message the group list has seen (live or
 * in a catch-up page) mentions me: what lets an edit or a delete of an
 * unread message move the mention count without asking the server. Read
 * messages are dropped; a deleted one stays, as mentioning nobody.
 */
export class MentionLedger {
  private readonly groups = new Map<string, Map<number, boolean>>();

  /** Whether message `seq` mentions me; `undefined` when it was never seen here. */
  known(name: string, seq: number): boolean | undefined {
    return this.groups.get(groupKey(name))?.get(seq);
  }

  note(name: string, seq: number, mentionsMe: boolean): void {
    const key = groupKey(name);
    const seqs = this.groups.get(key) ?? new Map<number, boolean>();
    this.groups.set(key, seqs.set(seq, mentionsMe));
  }

  /**
   * My marker moved to `readSeq`: forgets what is read now, and answers how
   * many of the messages above it, up to `lastSeq`, mention me, when every
   * one of them is known here (`undefined` otherwise).
   */
  readTo(name: string, readSeq: number, lastSeq: number): number | undefined {
    const seqs = this.groups.get(groupKey(name));
    if (!seqs) return lastSeq <= readSeq ? 0 : undefined;
    let seen = 0;
    let mentions = 0;
    for (const [seq, mentionsMe] of seqs) {
      if (seq <= readSeq) seqs.delete(seq);
      else if (seq <= lastSeq) {
        seen++;
        if (mentionsMe) mentions++;
      }
    }
    return seen === lastSeq - readSeq ? mentions : undefined;
  }

  clear(): void {
    this.groups.clear();
  }
}
