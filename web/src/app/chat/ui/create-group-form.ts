import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { GROUP_NAME_MAX_LENGTH, GROUP_NAME_PATTERN } from '@chat/protocol';
import { GroupsStore } from '../state/groups.store';
import { describeHttpError } from '../../core/http-errors';

/** Creates a group by name; the name is the group's identifier. */
@Component({
  selector: 'chat-create-group-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="create" (submit)="$event.preventDefault(); submit()" novalidate>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>New group</mat-label>
        <input matInput [formControl]="name" [maxlength]="max" placeholder="e.g. general" />
        @if (error(); as message) {
          <mat-error>{{ message }}</mat-error>
        } @else if (name.touched && name.invalid && name.value) {
          <mat-error>Letters, digits, spaces, - _ and . only, starting with a letter or digit.</mat-error>
        }
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="busy()">Create</button>
    </form>
  `,
  styles: `
    .create { display: flex; gap: 8px; align-items: flex-start; }
    mat-form-field { flex: 1; }
    button { margin-top: 8px; }
  `,
})
export class CreateGroupForm {
  private readonly groups = inject(GroupsStore);
  protected readonly max = GROUP_NAME_MAX_LENGTH;
  protected readonly name = inject(NonNullableFormBuilder).control('', [
    Validators.required,
    Validators.maxLength(GROUP_NAME_MAX_LENGTH),
    Validators.pattern(GROUP_NAME_PATTERN),
  ]);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  readonly created = output<string>();

  constructor() {
    this.name.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.error.set(null));
  }

  protected submit(): void {
    const name = this.name.value.trim();
    this.name.setValue(name);
    this.name.markAsTouched();
    if (this.name.invalid || this.busy()) return; // one request at a time: submits meanwhile are ignored
    void this.create(name);
  }

  private async create(name: string): Promise<void> {
    this.busy.set(true);
    try {
      const group = await this.groups.create(name);
      this.name.reset();
      this.created.emit(group.name);
    } catch (error: unknown) {
      this.error.set(describeHttpError(error, { 409: `A group named "${name}" already exists. Browse groups to join it.` }));
      this.name.setErrors({ server: true });
    } finally {
      this.busy.set(false);
    }
  }
}
