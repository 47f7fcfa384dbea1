import { ChangeDetectionStrategy, Component, computed, ElementRef, input, linkedSignal, output, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { SearchDay } from './search-items';

/** Whether the search looks only in one group or dm, and what that one is called ("in # general", "with Ben"). */
export interface SearchScope {
  label: string;
  on: boolean;
}

/**
 * The search: its box, where it looks, and the results by day, each a
 * button that opens the message. Enter searches; Escape (anywhere in the
 * panel) closes it. Says what it is doing in a status line; asks for
 * older results with "More" while there may be some.
 */
@Component({
  selector: 'chat-search-panel',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(keydown.escape)': 'onEscape($event)' },
  template: `
    <section class="panel" aria-label="Search">
      <header class="head">
        <form role="search" class="form" (submit)="$event.preventDefault(); searched.emit(draft())">
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="field">
            <mat-label>Search messages</mat-label>
            <input
              #box
              matInput
              type="search"
              autocomplete="off"
              enterkeyhint="search"
              aria-describedby="search-status"
              [value]="draft()"
              (input)="draft.set(box.value)"
            />
          </mat-form-field>
        </form>
        <button mat-button type="button" class="close" aria-label="Close search" (click)="closed.emit()">✕</button>
      </header>
      @if (scope(); as scope) {
        <button mat-stroked-button type="button" class="scope" [class.on]="scope.on" [attr.aria-pressed]="scope.on" (click)="scoped.emit(!scope.on)">
          Only {{ scope.label }}
        </button>
      }
      <p class="status" id="search-status" role="status">{{ status() }}</p>
      @if (error(); as error) {
        <p class="error" role="alert">{{ error }}</p>
      }
      <div class="results">
        @for (day of days(); track day.key) {
          <h3 class="day">{{ day.label }}</h3>
          <ul class="rows" [attr.aria-label]="'Results of ' + day.label">
            @for (row of day.rows; track row.key) {
              <li>
                <button type="button" class="result" (click)="picked.emit({ group: row.group, seq: row.seq })">
                  <span class="meta">
                    <span class="where">{{ row.where }}</span>
                    <span class="sender">{{ row.sender }}</span>
                    <time [attr.datetime]="row.at">{{ row.time }}</time>
                  </span>
                  <span class="text">@for (part of row.parts; track $index) {@if (part.mark) {<mark>{{ part.text }}</mark>} @else {<span>{{ part.text }}</span>}}</span>
                </button>
              </li>
            }
          </ul>
        }
        @if (hasMore()) {
          <button mat-stroked-button type="button" class="more" [disabled]="loading()" (click)="more.emit()">
            {{ loading() ? 'Searching…' : 'More' }}
          </button>
        }
      </div>
    </section>
  `,
  styles: `
    :host { display: flex; min-height: 0; background: var(--mat-sys-surface); }
    .panel { display: flex; flex-direction: column; flex: 1; min-width: 0; min-height: 0; }
    .head { display: flex; align-items: center; gap: 4px; padding: 12px 8px 0 16px; }
    .form { flex: 1; min-width: 0; }
    .field { width: 100%; }
    .close { min-width: 40px; }
    .scope { align-self: flex-start; margin: 8px 16px 0; max-width: calc(100% - 32px); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .scope.on { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .status { margin: 8px 16px 4px; min-height: 20px; color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    .error { margin: 0 16px 8px; color: var(--mat-sys-error); font: var(--mat-sys-body-small); }
    .results { flex: 1; overflow-y: auto; padding: 0 8px 16px; display: flex; flex-direction: column; }
    .day { margin: 12px 8px 4px; font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    .rows { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
    .result {
      display: flex; flex-direction: column; gap: 2px; width: 100%; padding: 8px; box-sizing: border-box; text-align: start;
      border: 0; border-radius: 8px; cursor: pointer; color: inherit; font: var(--mat-sys-body-medium);
      background: var(--mat-sys-surface-container);
    }
    .result:hover { background: var(--mat-sys-surface-container-highest); }
    .result:focus-visible { outline: 2px solid var(--mat-sys-primary); }
    .meta { display: flex; align-items: baseline; gap: 8px; min-width: 0; font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    .where { font-weight: 600; color: var(--mat-sys-primary); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 50%; }
    .sender { font-weight: 600; color: var(--mat-sys-on-surface); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .text { white-space: pre-wrap; overflow-wrap: anywhere; }
    mark { border-radius: 3px; padding: 0 1px; color: inherit; background: color-mix(in srgb, #f5b400 45%, transparent); }
    .more { align-self: center; margin-top: 12px; }
  `,
})
export class SearchPanel {
  /** What was searched (the box starts with it, and follows a search made elsewhere). */
  readonly query = input('');
  readonly days = input<SearchDay[]>([]);
  /** How many results so far. */
  readonly count = input(0);
  readonly loading = input(false);
  /** The server answered the search (no results means none so far). */
  readonly answered = input(false);
  /** Older results may exist. */
  readonly hasMore = input(false);
  /** Where the search may be limited to, when a group is open or it is limited. */
  readonly scope = input<SearchScope | null>(null);
  readonly error = input<string | null>(null);
  readonly searched = output<string>();
  readonly more = output<void>();
  /** Limit the search to the scope (`true`) or lift the limit. */
  readonly scoped = output<boolean>();
  readonly picked = output<{ group: string; seq: number }>();
  readonly closed = output<void>();

  private readonly box = viewChild.required<ElementRef<HTMLInputElement>>('box');
  /** What is typed, until it is searched. */
  protected readonly draft = linkedSignal(() => this.query());

  protected readonly status = computed(() => {
    const count = this.count();
    if (this.loading() && count === 0) return 'Searching…';
    if (!this.answered()) return this.query() === '' ? 'Press Enter to search. Every word and "quoted phrase" must be in the message.' : '';
    const results = count === 1 ? '1 result' : `${count} results`;
    if (!this.hasMore()) return count === 0 ? 'No messages found.' : results;
    return count === 0 ? 'Nothing found among the newest messages yet: More looks further back.' : `${results}, more may be further back`;
  });

  /** Puts the keyboard in the box, its text selected to type over. */
  focus(): void {
    const box = this.box().nativeElement;
    box.focus();
    box.select();
  }

  protected onEscape(event: Event): void {
    // The box's own Escape would only empty it; here it closes the search.
    event.preventDefault();
    this.closed.emit();
  }
}
