import { Injectable, signal } from '@angular/core';

const KEEP = 5;

/**
 * Problems to show the person (as alerts), newest last: the last five are
 * kept until dismissed. The same problem twice in a row shows once.
 */
@Injectable({ providedIn: 'root' })
export class NoticesStore {
  private readonly list = signal<string[]>([]);
  readonly all = this.list.asReadonly();

  notify(message: string): void {
    const notices = this.list();
    if (notices[notices.length - 1] === message) return;
    this.list.update((notices) => [...notices.slice(-(KEEP - 1)), message]);
  }

  dismiss(index: number): void {
    this.list.update((notices) => notices.filter((_, i) => i !== index));
  }
}
