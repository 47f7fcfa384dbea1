import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { AuthResponse, EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@chat/protocol';
import { catchError, EMPTY, exhaustMap, finalize, Observable, Subject, tap } from 'rxjs';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AuthApi } from '../../core/auth.api';
import { describeHttpError } from '../../core/http-errors';
import { SessionStore } from '../../core/session.store';

type Mode = 'login' | 'register';

/** Sign in, or create an account, with an email and a password. */
@Component({
  selector: 'chat-login-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login.page.html',
  styleUrl: './login.page.scss',
})
export class LoginPage {
  private readonly auth = inject(AuthApi);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly submits = new Subject<Mode>();

  protected readonly limits = { email: EMAIL_MAX_LENGTH, passwordMin: PASSWORD_MIN_LENGTH, passwordMax: PASSWORD_MAX_LENGTH };
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(EMAIL_MAX_LENGTH)]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });

  constructor() {
    // exhaustMap: a double click sends one request.
    this.submits
      .pipe(
        exhaustMap((mode) => this.request(mode)),
        takeUntilDestroyed(),
      )
      .subscribe();
  }

  protected submit(mode: Mode): void {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.submits.next(mode);
  }

  private request(mode: Mode): Observable<unknown> {
    this.busy.set(true);
    this.error.set(null);
    const body = this.form.getRawValue();
    const call: Observable<AuthResponse> = mode === 'login' ? this.auth.login(body) : this.auth.register(body);
    return call.pipe(
      tap((auth) => {
        this.session.start(auth);
        void this.router.navigate(['/']);
      }),
      catchError((error: unknown) => {
        this.error.set(
          describeHttpError(error, {
            401: 'Wrong email or password.',
            409: 'An account with this email already exists. Sign in instead.',
          }),
        );
        return EMPTY;
      }),
      finalize(() => this.busy.set(false)),
    );
  }
}
