import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ConnectionStatus } from '../../core/chat-socket.service';

/** Tells the person when live updates are not flowing. */
@Component({
  selector: 'chat-connection-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (text(); as message) {
      <p class="banner" role="status" aria-live="polite">{{ message }}</p>
    }
  `,
  styles: `
    .banner {
      margin: 0;
      padding: 6px 16px;
      text-align: center;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font: var(--mat-sys-label-large);
    }
  `,
})
export class ConnectionBanner {
  readonly status = input.required<ConnectionStatus>();
  protected readonly text = computed(() => {
    switch (this.status()) {
      case 'connecting':
        return 'Connecting…';
      case 'reconnecting':
        return 'Reconnecting… Messages you send now will go out when the connection is back.';
      case 'offline':
        return 'Offline.';
      default:
        return null;
    }
  });
}
