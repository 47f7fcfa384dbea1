import { BreakpointObserver } from '@angular/cdk/layout';
import { afterNextRender, ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, Injector, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router } from '@angular/router';
import { codePointLength, DM_NAME_PREFIX, SEARCH_QUERY_MAX_LENGTH, searchTerms, type User } from '@chat/protocol';
import { map } from 'rxjs';
import { AuthApi } from '../core/auth.api';
import { ChatSocketService } from '../core/chat-socket.service';
import { describeHttpError } from '../core/http-errors';
import { SessionStore } from '../core/session.store';
import { TabTitle } from '../core/tab-title';
import { ActivityStore, NO_ACTIVITY } from './state/activity.store';
import { ChatSession } from './state/chat-session.store';
import { isDm, otherPerson } from './state/dms';
import { GroupsStore } from './state/groups.store';
import { MessageActions } from './state/message-actions.store';
import { sameGroup } from './state/per-group';
import { NoticesStore } from './state/notices.store';
import { NotificationsStore } from './state/notifications.store';
import { ReactionsStore } from './state/reactions.store';
import { SearchStore } from './state/search.store';
import { SendQueue } from './state/send-queue.store';
import { TimelineStore } from './state/timeline.store';
import { EMPTY_TIMELINE } from './state/timeline-changes';
import { BrowseGroupsDialog } from './ui/browse-groups.dialog';
import { ConfirmData, ConfirmDialog } from './ui/confirm.dialog';
import type { Editing, MessageAction } from './ui/message-action';
import { ConnectionBanner } from './ui/connection-banner';
import { CreateGroupForm } from './ui/create-group-form';
import { DmList } from './ui/dm-list';
import { GroupList } from './ui/group-list';
import { MessagePane } from './ui/message-pane';
import { NotificationsButton } from './ui/notifications-button';
import { toSearchDays } from './ui/search-items';
import { SearchPanel, SearchScope } from './ui/search-panel';
import { isSearchShortcut } from './ui/search-shortcut';
import { namesOf } from './text/mention-names';

const EDIT_WORDING = { 403: 'only its sender can edit a message.', 404: 'it no longer exists.', 409: 'it was deleted.' };
const DELETE_WORDING = { 403: 'only its sender can delete a message.', 404: 'it no longer exists.' };
const REACT_WORDING = { 404: 'the message no longer exists.', 409: 'a message holds at most 20 different emoji.' };
// A 403 cannot come from "Message" on someone in a group I am in, but should the server say so, it says why.
const DM_WORDING = { 403: 'you can only write to people you share a group with.', 404: 'this person no longer exists.' };
const SEARCH_WORDING = { 403: 'you are no longer in that group.', 404: 'that group or conversation no longer exists.' };

/**
 * The chat screen: groups and dms on the side, the open one's messages in
 * the middle, and the search beside them when open (over them on a phone).
 * The one component that talks to the chat stores: it hands their
 * state to the components below and their outputs to the store whose job
 * each is, turning a failed action into a notice.
 */
@Component({
  selector: 'chat-page',
  imports: [
    MatSidenavModule,
    MatToolbarModule,
    MatButtonModule,
    GroupList,
    DmList,
    CreateGroupForm,
    MessagePane,
    ConnectionBanner,
    NotificationsButton,
    SearchPanel,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKeydown($event)' },
  templateUrl: './chat.page.html',
  styleUrl: './chat.page.scss',
})
export class ChatPage {
  protected readonly chat = inject(ChatSession);
  protected readonly groups = inject(GroupsStore);
  protected readonly activity = inject(ActivityStore);
  protected readonly queue = inject(SendQueue);
  protected readonly notices = inject(NoticesStore);
  protected readonly session = inject(SessionStore);
  protected readonly actions = inject(MessageActions);
  protected readonly notifications = inject(NotificationsStore);
  protected readonly search = inject(SearchStore);
  private readonly reactions = inject(ReactionsStore);
  private readonly timeline = inject(TimelineStore);
  private readonly auth = inject(AuthApi);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  protected readonly sidenav = viewChild.required(MatSidenav);
  private readonly searchPanel = viewChild(SearchPanel);
  /** The search panel shows (it keeps its results while hidden on a phone). */
  protected readonly searchOpen = signal(false);
  protected readonly searchError = signal<string | null>(null);
  /** The search's key, as this computer's keyboard says it. */
  protected readonly searchKeys = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘K' : 'Ctrl K';
  /** What had the keyboard before the search took it, to give it back on closing. */
  private focusBeforeSearch: HTMLElement | null = null;

  protected readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 720px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly totalUnread = computed(() => this.groups.mine().reduce((sum, group) => sum + (group.unread ?? 0), 0));
  protected readonly totalMentions = computed(() => this.groups.mine().reduce((sum, group) => sum + (group.mentionUnread ?? 0), 0));
  protected readonly myId = computed(() => this.session.user()?.id ?? '');
  // The open group's parts, for the message pane.
  protected readonly activeTimeline = computed(() => this.ofActive((name) => this.timeline.of(name)) ?? EMPTY_TIMELINE);
  protected readonly activeActivity = computed(() => this.ofActive((name) => this.activity.of(name)) ?? NO_ACTIVITY);
  protected readonly activeWhoReacted = computed(() => this.ofActive((name) => this.reactions.of(name)) ?? new Map());
  protected readonly activeOutgoing = computed(() => this.ofActive((name) => this.queue.forGroup(name)) ?? []);
  /** A search result to show in the open group, when it is in that group. */
  protected readonly activeReveal = computed(() => {
    const reveal = this.chat.reveal();
    return reveal && this.ofActive((name) => sameGroup(reveal.group, name)) ? reveal : null;
  });
  protected readonly searchDays = computed(() => {
    const { query, results } = this.search.state();
    const people = [...this.groups.dms().flatMap((dm) => dm.members), ...this.groups.joined().flatMap((group) => this.activity.of(group.name).members ?? [])];
    return toSearchDays(results, { terms: searchTerms(query), where: (name) => this.where(name), names: namesOf(people, results), myId: this.myId() });
  });
  /** "Only in # general" (or "with Ben") when a group is open, or the search is limited to one. */
  protected readonly searchScope = computed<SearchScope | null>(() => {
    const limited = this.search.state().group;
    const name = limited ?? this.chat.active()?.name;
    if (!name) return null;
    const where = this.where(name);
    return { label: where.startsWith('# ') ? `in ${where}` : `with ${where}`, on: limited !== null };
  });
  protected readonly activeEditing = computed<Editing | null>(() => {
    const editing = this.actions.editing();
    const here = editing && this.ofActive((name) => sameGroup(editing.group, name));
    return here ? { seq: editing.seq, saving: this.actions.saving() } : null;
  });

  constructor() {
    this.chat.start();
    inject(ChatSocketService)
      .unauthorized.pipe(takeUntilDestroyed())
      .subscribe(() => this.endSession());
    this.notifications.opened.pipe(takeUntilDestroyed()).subscribe((name) => void this.openGroup(name));
    const tab = inject(TabTitle);
    effect(() => tab.showUnread(this.totalUnread()));
    inject(DestroyRef).onDestroy(() => {
      tab.showUnread(0);
      this.chat.stop();
    });
  }

  protected turnOnNotifications(): void {
    this.notifications.turnOn().catch(() => this.notifications.turnOff());
  }

  protected async openGroup(name: string): Promise<void> {
    if (this.phone()) void this.sidenav().close();
    await this.chat.open(name).catch((error: unknown) => this.notices.notify(`Could not open ${this.called(name)}: ${describeHttpError(error)}`));
  }

  /** "Message" on someone (a member, a sender's name): opens our dm, creating it the first time. */
  protected async openDmWith(user: User): Promise<void> {
    if (this.phone()) void this.sidenav().close();
    await this.chat
      .openDmWith(user.id)
      .catch((error: unknown) => this.notices.notify(`Could not open a conversation with ${user.displayName}: ${describeHttpError(error, DM_WORDING)}`));
  }

  protected leave(name: string): void {
    this.chat.leave(name).catch((error: unknown) => this.notices.notify(`Could not leave "${name}": ${describeHttpError(error)}`));
  }

  protected loadOlder(name: string): void {
    this.timeline.loadOlder(name).catch((error: unknown) => this.notices.notify(`Could not load older messages: ${describeHttpError(error)}`));
  }

  protected loadNewer(name: string): void {
    this.timeline.loadNewer(name).catch((error: unknown) => this.notices.notify(`Could not load newer messages: ${describeHttpError(error)}`));
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (!isSearchShortcut(event)) return;
    event.preventDefault();
    this.openSearch();
  }

  /** Shows the search (over everything on a phone) with the keyboard in its box. */
  protected openSearch(): void {
    if (!this.searchOpen()) {
      const focused = document.activeElement;
      this.focusBeforeSearch = focused instanceof HTMLElement && focused !== document.body ? focused : null;
      this.searchOpen.set(true);
    }
    if (this.phone()) void this.sidenav().close();
    // Open already: straight to its box; else once it is drawn.
    const panel = this.searchPanel();
    if (panel) panel.focus();
    else afterNextRender(() => this.searchPanel()?.focus(), { injector: this.injector });
  }

  /** Closes the search and forgets it; the keyboard goes back where it was. */
  protected closeSearch(): void {
    this.searchOpen.set(false);
    this.searchError.set(null);
    this.search.clear();
    const back = this.focusBeforeSearch;
    this.focusBeforeSearch = null;
    if (back?.isConnected) back.focus();
  }

  protected runSearch(query: string): void {
    this.searchError.set(null);
    if (codePointLength(query.trim()) > SEARCH_QUERY_MAX_LENGTH) {
      this.searchError.set(`A search is at most ${SEARCH_QUERY_MAX_LENGTH} characters.`);
      return;
    }
    this.search.search(query).catch((error: unknown) => this.searchError.set(`Could not search: ${describeHttpError(error, SEARCH_WORDING)}`));
  }

  protected moreResults(): void {
    this.searchError.set(null);
    this.search.more().catch((error: unknown) => this.searchError.set(`Could not search further: ${describeHttpError(error, SEARCH_WORDING)}`));
  }

  /** Limits the search to the open group or dm, or lifts the limit. */
  protected limitSearch(on: boolean): void {
    this.searchError.set(null);
    const name = on ? (this.chat.active()?.name ?? null) : null;
    this.search.within(name).catch((error: unknown) => this.searchError.set(`Could not search: ${describeHttpError(error, SEARCH_WORDING)}`));
  }

  /** A result picked: its group or dm opens at it (on a phone, the search steps aside, keeping its results). */
  protected async openResult(hit: { group: string; seq: number }): Promise<void> {
    if (this.phone()) this.searchOpen.set(false);
    await this.chat
      .openAt(hit.group, hit.seq)
      .then((found) => found || this.notices.notify('That message is no longer in the history.'))
      .catch((error: unknown) => this.notices.notify(`Could not open the message in ${this.called(hit.group)}: ${describeHttpError(error)}`));
  }

  /** What was done to a message of the open group, handed to the store whose job it is. */
  protected onAction(name: string, action: MessageAction): void {
    switch (action.kind) {
      case 'reply':
        return this.actions.replyTo(name, action.seq);
      case 'cancel-reply':
        return this.actions.cancelReply(name);
      case 'edit':
        return this.actions.startEdit(name, action.seq);
      case 'edit-last':
        return void this.actions.editLast(name);
      case 'cancel-edit':
        return this.actions.cancelEdit();
      case 'save':
        return void this.actions
          .saveEdit(name, action.seq, action.text)
          .catch((error: unknown) => this.notices.notify(`Could not edit the message: ${describeHttpError(error, EDIT_WORDING)}`));
      case 'delete':
        return this.confirmDelete(name, action.seq);
      case 'react':
        return void this.reactions
          .toggle(name, action.seq, action.emoji, action.add)
          .catch((error: unknown) => this.notices.notify(`Could not react: ${describeHttpError(error, REACT_WORDING)}`));
      case 'who-reacted':
        return void this.reactions.load(name, action.seq).catch(() => undefined);
      case 'retry':
        return this.queue.retry(action.clientMsgId);
      case 'discard':
        return this.queue.discard(action.clientMsgId);
      case 'dm':
        return void this.openDmWith(action.user);
      case 'find':
        return void this.timeline
          .loadAround(name, action.seq)
          .then((found) => found || this.notices.notify('The original message is not in the history any more.'))
          .catch((error: unknown) => this.notices.notify(`Could not load the original message: ${describeHttpError(error)}`));
    }
  }

  private confirmDelete(name: string, seq: number): void {
    const active = this.chat.active();
    const person = active && isDm(active) ? otherPerson(active, this.myId())?.displayName : undefined;
    const who = person ? `${person} will` : 'Everyone in the group will';
    const data: ConfirmData = { title: 'Delete this message?', text: `${who} see "Message deleted" instead. This cannot be undone.`, confirm: 'Delete' };
    this.dialog
      .open(ConfirmDialog, { data, width: 'min(420px, 95vw)' })
      .afterClosed()
      .subscribe((confirmed?: boolean) => {
        if (!confirmed) return;
        this.actions.remove(name, seq).catch((error: unknown) => this.notices.notify(`Could not delete the message: ${describeHttpError(error, DELETE_WORDING)}`));
      });
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
    this.chat.stop();
    this.session.end();
    void this.router.navigate(['/login']);
  }

  /** A conversation as a notice names it: a group by its name, a dm by the other person (its own name means nothing to anyone). */
  private called(name: string): string {
    const group = this.groups.get(name);
    const person = group && isDm(group) ? otherPerson(group, this.myId()) : undefined;
    return person ? `the conversation with ${person.displayName}` : `"${name}"`;
  }

  /** How a result says where it is: `# name` for a group, the other person for a dm. */
  private where(name: string): string {
    const group = this.groups.get(name);
    if (group && isDm(group)) return otherPerson(group, this.myId())?.displayName ?? 'Direct message';
    return name.startsWith(DM_NAME_PREFIX) ? 'Direct message' : `# ${group?.name ?? name}`;
  }

  private ofActive<T>(read: (name: string) => T): T | undefined {
    const group = this.chat.active();
    return group ? read(group.name) : undefined;
  }
}
