import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { SessionStore } from './session.store';

export const signedInGuard: CanActivateFn = () =>
  inject(SessionStore).signedIn() || inject(Router).createUrlTree(['/login']);

export const signedOutGuard: CanActivateFn = () =>
  !inject(SessionStore).signedIn() || inject(Router).createUrlTree(['/']);
