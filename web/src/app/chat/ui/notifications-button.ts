import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { NotificationState } from '../state/notifications.store';

const BELL = 'M160-200v-80h80v-280q0-83 50-147.5T420-792v-28q0-25 17.5-42.5T480-880q25 0 42.5 17.5T540-820v28q80 20 130 84.5T720-560v280h80v80H160Zm320-300Zm0 420q-33 0-56.5-23.5T400-160h160q0 33-23.5 56.5T480-80ZM320-280h320v-280q0-66-47-113t-113-47q-66 0-113 47t-47 113v280Z';
const BELL_OFF = 'M160-200v-80h80v-280q0-33 8.5-65t25.5-61l60 60q-7 16-10.5 32.5T320-560v280h248L56-792l56-56 736 736-56 56-146-144H160Zm560-154-80-80v-126q0-66-47-113t-113-47q-26 0-50 8t-44 24l-58-58q20-16 43-28t49-18v-28q0-25 17.5-42.5T480-880q25 0 42.5 17.5T540-820v28q80 20 130 84t50 148v206Zm-276-50Zm36 324q-33 0-56.5-23.5T400-160h160q0 33-23.5 56.5T480-80Zm33-481Z';

/**
 * The bell: turns notifications of mentions and dms on (asking the browser the
 * first time: only from this click, never on load) or off. Says when the
 * browser blocks them.
 */
@Component({
  selector: 'chat-notifications-button',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (state() !== 'unsupported') {
      <button
        mat-icon-button
        type="button"
        [attr.aria-label]="label()"
        [attr.title]="label()"
        [attr.aria-pressed]="on()"
        [disabled]="state() === 'denied'"
        (click)="on() ? turnOff.emit() : turnOn.emit()"
      >
        <svg viewBox="0 -960 960 960" aria-hidden="true"><path [attr.d]="on() ? bell : bellOff" /></svg>
      </button>
    }
  `,
  styles: `
    button { --mat-icon-button-state-layer-size: 36px; width: 36px; height: 36px; padding: 6px; }
    svg { display: block; width: 24px; height: 24px; fill: currentColor; }
  `,
})
export class NotificationsButton {
  readonly state = input.required<NotificationState>();
  /** Notifications will show. */
  readonly on = input.required<boolean>();
  readonly turnOn = output<void>();
  readonly turnOff = output<void>();
  protected readonly bell = BELL;
  protected readonly bellOff = BELL_OFF;
  protected readonly label = computed(() => {
    if (this.state() === 'denied') return 'Notifications are blocked in the browser settings';
    return this.on() ? 'Notifications of mentions and direct messages are on: turn them off' : 'Turn on notifications of mentions and direct messages';
  });
}
