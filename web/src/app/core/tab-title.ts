import { effect, inject, Injectable, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';

const APP_NAME = 'Chat';

/** The tab's title: the route's ("Chat"), led by the unread count when there is one: "(3) Chat". */
export function tabTitle(base: string, unread: number): string {
  return unread > 0 ? `(${unread}) ${base}` : base;
}

/**
 * Titles the tab from the route's `title` (the router's job) and the
 * unread count (the chat screen's), so that neither overwrites the other.
 */
@Injectable({ providedIn: 'root' })
export class TabTitle extends TitleStrategy {
  private readonly base = signal(APP_NAME);
  private readonly unread = signal(0);

  constructor() {
    super();
    const title = inject(Title);
    effect(() => title.setTitle(tabTitle(this.base(), this.unread())));
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.base.set(this.buildTitle(snapshot) ?? APP_NAME);
  }

  /** How many messages wait unread (0 when the chat screen is left). */
  showUnread(count: number): void {
    this.unread.set(count);
  }
}
