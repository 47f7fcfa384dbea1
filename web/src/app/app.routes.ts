import { Route } from '@angular/router';
import { signedInGuard, signedOutGuard } from './core/auth.guards';

export const appRoutes: Route[] = [
  {
    path: 'login',
    canActivate: [signedOutGuard],
    title: 'Sign in · Chat',
    loadComponent: () => import('./pages/login/login.page').then((m) => m.LoginPage),
  },
  {
    path: '',
    canActivate: [signedInGuard],
    title: 'Chat',
    loadComponent: () => import('./chat/chat.page').then((m) => m.ChatPage),
  },
  { path: '**', redirectTo: '' },
];
