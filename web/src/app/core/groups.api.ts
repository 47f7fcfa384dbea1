import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Group, GroupDetail, HistoryQuery, Message } from '@chat/protocol';
import { Observable } from 'rxjs';
import { API_BASE_URL } from './endpoints';

/** The groups and messages routes of the REST API. */
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
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params = params.set(key, String(value));
    return this.http.get<Message[]>(`${this.url(name)}/messages`, { params });
  }

  private url(name: string): string {
    return `${this.base}/groups/${encodeURIComponent(name)}`;
  }
}
