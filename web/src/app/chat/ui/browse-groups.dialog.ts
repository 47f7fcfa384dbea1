import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { GroupsStore } from '../state/groups.store';
import { describeHttpError } from '../../core/http-errors';

/** Every group, to join one (or open one I am already in). Closes with the chosen name. */
@Component({
  selector: 'chat-browse-groups',
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Browse groups</h2>
    <mat-dialog-content>
      <mat-form-field appearance="outline" class="filter" subscriptSizing="dynamic">
        <mat-label>Filter</mat-label>
        <input matInput (input)="filter.set($any($event.target).value)" />
      </mat-form-field>
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      <ul class="groups" aria-label="All groups">
        @for (group of shown(); track group.name) {
          <li>
            <span class="name"># {{ group.name }}</span>
            <span class="count">{{ group.memberCount }} {{ group.memberCount === 1 ? 'member' : 'members' }}</span>
            @if (group.joined) {
              <button mat-button type="button" (click)="ref.close(group.name)">Open</button>
            } @else {
              <button mat-flat-button type="button" [disabled]="busy()" (click)="join(group.name)">Join</button>
            }
          </li>
        } @empty {
          <li class="none">No groups yet. Create the first one.</li>
        }
      </ul>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    .filter { width: 100%; margin-bottom: 8px; }
    .groups { list-style: none; margin: 0; padding: 0; }
    li { display: flex; align-items: center; gap: 12px; padding: 6px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .name { flex: 1; overflow: hidden; text-overflow: ellipsis; }
    .count { color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    .error { color: var(--mat-sys-error); }
    .none { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class BrowseGroupsDialog {
  private readonly groups = inject(GroupsStore);
  protected readonly ref = inject(MatDialogRef<BrowseGroupsDialog, string>);
  protected readonly filter = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly shown = computed(() => {
    const needle = this.filter().trim().toLowerCase();
    return this.groups.all().filter((group) => group.name.toLowerCase().includes(needle));
  });

  protected async join(name: string): Promise<void> {
    this.busy.set(true);
    try {
      const group = await this.groups.join(name);
      this.ref.close(group.name);
    } catch (error: unknown) {
      this.busy.set(false);
      this.error.set(describeHttpError(error, { 404: `The group "${name}" no longer exists.` }));
    }
  }
}
