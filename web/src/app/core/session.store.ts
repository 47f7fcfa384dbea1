import { computed, inject, Injectable, signal } from '@angular/core';
import type { AuthResponse, OwnUser } from '@chat/protocol';
import { STORAGE } from './endpoints';

const KEY = 'chat.session';

interface StoredSession {
  token: string;
  /** The signed-in user, with its own email (the one email the client ever holds). */
  user: OwnUser;
}

/** Who is signed in. Kept in storage so a reload keeps the session. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly storage = inject(STORAGE);
  private readonly session = signal<StoredSession | null>(this.read());

  readonly user = computed(() => this.session()?.user ?? null);
  readonly token = computed(() => this.session()?.token ?? null);
  readonly signedIn = computed(() => this.session() !== null);

  start(auth: AuthResponse): void {
    const session = { token: auth.token, user: auth.user };
    this.storage.setItem(KEY, JSON.stringify(session));
    this.session.set(session);
  }

  end(): void {
    this.storage.removeItem(KEY);
    this.session.set(null);
  }

  private read(): StoredSession | null {
    try {
      const parsed = JSON.parse(this.storage.getItem(KEY) ?? 'null');
      return parsed && typeof parsed.token === 'string' && parsed.user ? parsed : null;
    } catch {
      return null;
    }
  }
}
