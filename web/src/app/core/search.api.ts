import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { SearchPage, SearchQuery } from '@chat/protocol';
import { Observable } from 'rxjs';
import { API_BASE_URL } from './endpoints';

/** `GET /api/search`: the messages I can read whose current text holds every term of `q`, newest first. */
@Injectable({ providedIn: 'root' })
export class SearchApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  search(query: SearchQuery): Observable<SearchPage> {
    let params = new HttpParams();
    // Only the parameters given: the server refuses an empty one.
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params = params.set(key, String(value));
    return this.http.get<SearchPage>(`${this.base}/search`, { params });
  }
}
