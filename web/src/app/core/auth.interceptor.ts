import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { API_BASE_URL } from './endpoints';
import { SessionStore } from './session.store';

/** Adds the bearer token to API calls; a 401 on an authenticated call ends the session. */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  const base = inject(API_BASE_URL);
  const token = session.token();
  if (!token || !request.url.startsWith(base)) return next(request);
  return next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401) {
        session.end();
        void router.navigate(['/login']);
      }
      return throwError(() => error);
    }),
  );
};
