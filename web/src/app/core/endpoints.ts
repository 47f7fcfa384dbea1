import { InjectionToken } from '@angular/core';
import { WS_PATH } from '@chat/protocol';

/** Where the REST API is; the app is served by the API, so the same origin. */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', { factory: () => '/api' });

/** The WebSocket endpoint, derived from the page's own origin (ws: or wss:). */
export const WS_URL = new InjectionToken<string>('WS_URL', {
  factory: () => `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${WS_PATH}`,
});

/** Persistent storage (localStorage in the browser), replaceable in tests. */
export const STORAGE = new InjectionToken<Storage>('STORAGE', { factory: () => localStorage });
