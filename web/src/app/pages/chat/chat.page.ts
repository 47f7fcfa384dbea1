import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router } from '@angular/router';
import { map } from 'rxjs';
import { AuthApi } from '../../core/auth.api';
import { ChatSocketService } from '../../core/chat-socket.service';
import { ChatStore } from '../../core/chat.store';
import { SessionStore } from '../../core/session.store';
import { BrowseGroupsDialog } from './browse-groups.dialog';
import { ConnectionBanner } from './connection-banner';
import { CreateGroupForm } from './create-group-form';
import { GroupList } from './group-list';
import { MessagePane } from './message-pane';

/** The chat screen: groups on the side, the open group's messages in the middle. */
@Component({
  selector: 'chat-page',
  imports: [MatSidenavModule, MatToolbarModule, MatButtonModule, GroupList, CreateGroupForm, MessagePane, ConnectionBanner],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './chat.page.html',
  styleUrl: './chat.page.scss',
})
export class ChatPage {
  protected readonly store = inject(ChatStore);
  protected readonly session = inject(SessionStore);
  private readonly auth = inject(AuthApi);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  protected readonly sidenav = viewChild.required(MatSidenav);

  protected readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 720px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly totalUnread = computed(() => this.store.joined().reduce((sum, state) => sum + (state.group.unread ?? 0), 0));

  constructor() {
    this.store.start();
    inject(ChatSocketService)
      .unauthorized.pipe(takeUntilDestroyed())
      .subscribe(() => this.endSession());
    inject(DestroyRef).onDestroy(() => this.store.stop());
  }

  protected async openGroup(name: string): Promise<void> {
    if (this.phone()) void this.sidenav().close();
    await this.store.open(name);
  }

  protected browse(): void {
    this.dialog
      .open(BrowseGroupsDialog, { width: 'min(560px, 95vw)', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((name?: string) => name && void this.openGroup(name));
  }

  protected signOut(): void {
    // Revoke the token on the server; sign out locally whatever it answers.
    this.auth.logout().subscribe({ complete: () => this.endSession(), error: () => this.endSession() });
  }

  private endSession(): void {
    this.store.stop();
    this.session.end();
    void this.router.navigate(['/login']);
  }
}
