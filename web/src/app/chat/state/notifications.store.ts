import { DOCUMENT } from '@angular/common';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { Message } from '@chat/protocol';
import { Subject } from 'rxjs';
import { STORAGE } from '../../core/endpoints';
import { SessionStore } from '../../core/session.store';
import { namesOf } from '../text/mention-names';
import { ActivityStore } from './activity.store';
import { isDm } from './dms';
import { GroupsStore } from './groups.store';
import { alertFor, alertReason } from './notification-policy';

/** The browser's permission, or `unsupported` where there are no notifications. */
export type NotificationState = NotificationPermission | 'unsupported';

const MUTED_KEY = 'chat.notifications.off';

/**
 * Browser notifications for messages that need me while the tab is
 * hidden (the policy: `notification-policy.ts`). The permission is asked
 * only when the person turns them on, never on load; once allowed they
 * can still be turned off here (the browser keeps the permission).
 */
@Injectable({ providedIn: 'root' })
export class NotificationsStore {
  private readonly document = inject(DOCUMENT);
  private readonly storage = inject(STORAGE);
  private readonly session = inject(SessionStore);
  private readonly activity = inject(ActivityStore);
  private readonly groups = inject(GroupsStore);
  private readonly muted = signal(this.storage.getItem(MUTED_KEY) === '1');
  private readonly permissionNow = signal<NotificationState>(currentPermission());

  readonly permission = this.permissionNow.asReadonly();
  /** Notifications will show. */
  readonly on = computed(() => this.permission() === 'granted' && !this.muted());
  /** A notification was clicked: the group to open. */
  readonly opened = new Subject<string>();

  /** Turns them on: asks the browser first if it has not been asked (this must follow a click). */
  async turnOn(): Promise<void> {
    this.setMuted(false);
    if (this.permission() !== 'default') return;
    this.permissionNow.set(await Notification.requestPermission());
  }

  turnOff(): void {
    this.setMuted(true);
  }

  /** A live message; `isNew` when it is not a copy of one already counted. */
  received(message: Message, isNew: boolean): void {
    const myId = this.session.user()?.id;
    if (!myId) return;
    // Allowed or withdrawn in the browser's settings meanwhile.
    this.permissionNow.set(currentPermission());
    const conversation = this.groups.get(message.group);
    const direct = conversation !== undefined && isDm(conversation);
    const reason = alertReason(message, { myId, isNew, direct, hidden: this.document.visibilityState === 'hidden', allowed: this.on() });
    if (!reason) return;
    // A dm names both of us even before it was opened (its members came with it).
    const people = [...(this.activity.of(message.group).members ?? []), ...(direct ? conversation.members : [])];
    const names = namesOf([...people, this.session.user() ?? message.sender], [message]);
    const alert = alertFor(message, reason, names);
    const notification = new Notification(alert.title, { body: alert.body, tag: alert.tag });
    notification.onclick = () => {
      this.document.defaultView?.focus();
      notification.close();
      this.opened.next(alert.group);
    };
  }

  private setMuted(muted: boolean): void {
    if (muted) this.storage.setItem(MUTED_KEY, '1');
    else this.storage.removeItem(MUTED_KEY);
    this.muted.set(muted);
  }
}

function currentPermission(): NotificationState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}
