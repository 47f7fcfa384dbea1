import { Injectable } from '@nestjs/common';
import { ReadMarkersRepository } from '../read-markers.repository';
import type { ReadMarker } from '../records';
import { MemoryDatabase } from './memory-database';
import { countAbove } from './sorted-seqs';

@Injectable()
export class MemoryReadMarkersRepository extends ReadMarkersRepository {
  constructor(private readonly db: MemoryDatabase) {
    super();
  }

  async forUser(userId: string): Promise<Map<string, ReadMarker>> {
    const markers = new Map<string, ReadMarker>();
    for (const key of this.db.groupsOfUser.get(userId) ?? []) {
      const marker = this.marker(key, userId);
      if (marker) markers.set(key, marker);
    }
    return markers;
  }

  async get(groupKey: string, userId: string): Promise<ReadMarker | null> {
    return this.marker(groupKey, userId);
  }

  async advance(groupKey: string, userId: string, seq: number): Promise<number | null> {
    const membership = this.db.members.get(groupKey)?.get(userId);
    const group = this.db.groups.get(groupKey);
    if (!membership || !group) return null;
    const target = Math.min(seq, group.lastSeq);
    if (target <= membership.readSeq) return null;
    membership.readSeq = target;
    return target;
  }

  /**
   * Unread: the seqs above the marker less the deleted ones among them;
   * mentions: the user's mentioning seqs above it (tombstones mention no
   * one). Binary searches, not counts.
   */
  private marker(groupKey: string, userId: string): ReadMarker | null {
    const membership = this.db.members.get(groupKey)?.get(userId);
    const group = this.db.groups.get(groupKey);
    const log = this.db.messages.get(groupKey);
    if (!membership || !group || !log) return null;
    const { readSeq } = membership;
    return {
      readSeq,
      unread: Math.max(0, group.lastSeq - readSeq - countAbove(log.deletedSeqs, readSeq)),
      mentionUnread: countAbove(log.mentionSeqs.get(userId) ?? [], readSeq),
    };
  }
}
