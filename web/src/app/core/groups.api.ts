import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ChangesPage, ChangesQuery, CreateDmRequest, Dm, EditMessageRequest, Group, GroupDetail, HistoryQuery, Message, ReactionWithUsers } from '@chat/protocol';
import { Observable } from 'rxjs';
import { API_BASE_URL } from './endpoints';

/**
 * The groups, direct messages and messages routes of the REST API. A dm is
 * a group to every group route (its name, URL-encoded like any other).
 */
@Injectable({ providedIn: 'root' })
export class GroupsApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  list(): Observable<Group[]> {
    return this.http.get<Group[]>(`${this.base}/groups`);
  }

  create(name: string): Observable<Group> {
    return this.http.post<Group>(`${this.base}/groups`, { name });
  }

  /** My dms, newest activity first (`GET /api/groups` never lists them). */
  dms(): Observable<Dm[]> {
    return this.http.get<Dm[]>(`${this.base}/dms`);
  }

  /** Opens the dm with this user: 201 when new, 200 when it exists already; the same dm either way. */
  openDm(userId: string): Observable<Dm> {
    const body: CreateDmRequest = { userId };
    return this.http.post<Dm>(`${this.base}/dms`, body);
  }

  detail(name: string): Observable<GroupDetail> {
    return this.http.get<GroupDetail>(this.url(name));
  }

  join(name: string): Observable<Group> {
    return this.http.post<Group>(`${this.url(name)}/members`, null);
  }

  leave(name: string): Observable<void> {
    return this.http.delete<void>(`${this.url(name)}/members/me`);
  }

  history(name: string, query: HistoryQuery = {}): Observable<Message[]> {
    return this.http.get<Message[]>(`${this.url(name)}/messages`, { params: toParams(query) });
  }

  /** The current state of every message changed after `query.after` (a revision). */
  changes(name: string, query: ChangesQuery): Observable<ChangesPage> {
    return this.http.get<ChangesPage>(`${this.url(name)}/changes`, { params: toParams(query) });
  }

  /** The sender changes the text; answers the message with its new rev. */
  edit(name: string, seq: number, text: string): Observable<Message> {
    const body: EditMessageRequest = { text };
    return this.http.patch<Message>(`${this.url(name)}/messages/${seq}`, body);
  }

  /** The sender deletes the message (204; the `delete` event carries its new rev). */
  remove(name: string, seq: number): Observable<void> {
    return this.http.delete<void>(`${this.url(name)}/messages/${seq}`);
  }

  /** I react to the message with `emoji` (204; idempotent; the `reaction` event carries the change). */
  react(name: string, seq: number, emoji: string): Observable<void> {
    return this.http.put<void>(this.reactionUrl(name, seq, emoji), null);
  }

  /** I take my reaction back (204; idempotent). */
  unreact(name: string, seq: number, emoji: string): Observable<void> {
    return this.http.delete<void>(this.reactionUrl(name, seq, emoji));
  }

  /** Who reacted with what, oldest first (beyond the contract: the "who reacted" hint). */
  reactions(name: string, seq: number): Observable<ReactionWithUsers[]> {
    return this.http.get<ReactionWithUsers[]>(`${this.url(name)}/messages/${seq}/reactions`);
  }

  private reactionUrl(name: string, seq: number, emoji: string): string {
    return `${this.url(name)}/messages/${seq}/reactions/${encodeURIComponent(emoji)}`;
  }

  private url(name: string): string {
    return `${this.base}/groups/${encodeURIComponent(name)}`;
  }
}

function toParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params = params.set(key, String(value));
  return params;
}
