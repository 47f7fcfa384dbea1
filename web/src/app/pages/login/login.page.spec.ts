import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { AuthResponse } from '@chat/protocol';
import { authInterceptor } from '../../core/auth.interceptor';
import { STORAGE } from '../../core/endpoints';
import { SessionStore } from '../../core/session.store';
import { LoginPage } from './login.page';
import { MemoryStorage } from '../../testing/memory-storage';


const auth: AuthResponse = { user: { id: 'u-1', email: 'ann@example.com', displayName: 'ann' }, token: 'the-token' };

describe(LoginPage.name, () => {
  let fixture: ComponentFixture<LoginPage>;
  let http: HttpTestingController;
  let storage: MemoryStorage;
  let navigate: jest.SpyInstance;

  const element = () => fixture.nativeElement as HTMLElement;
  const input = (type: string) => element().querySelector(`input[type="${type}"]`) as HTMLInputElement;
  const button = (label: string) =>
    Array.from(element().querySelectorAll('button')).find((candidate) => candidate.textContent?.trim() === label) as HTMLButtonElement;
  const alertText = () => element().querySelector('[role="alert"]')?.textContent?.trim() ?? null;

  async function fill(email: string, password: string): Promise<void> {
    for (const [field, value] of [
      [input('email'), email],
      [input('password'), password],
    ] as const) {
      field.value = value;
      field.dispatchEvent(new Event('input'));
      field.dispatchEvent(new Event('blur'));
    }
    await fixture.whenStable();
  }

  async function click(label: string): Promise<void> {
    button(label).click();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    storage = new MemoryStorage();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: STORAGE, useValue: storage },
      ],
    });
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LoginPage);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('signs in: posts the credentials, stores the session and goes to the chat', async () => {
    await fill('ann@example.com', 'correct horse');
    await click('Sign in');
    const request = http.expectOne('/api/auth/login');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ email: 'ann@example.com', password: 'correct horse' });
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush(auth);
    await fixture.whenStable();

    const session = TestBed.inject(SessionStore);
    expect(session.signedIn()).toBe(true);
    expect(session.token()).toBe('the-token');
    expect(session.user()).toEqual(auth.user);
    expect(JSON.parse(storage.getItem('chat.session') ?? 'null')).toEqual({ token: 'the-token', user: auth.user });
    expect(navigate).toHaveBeenCalledWith(['/']);
    expect(alertText()).toBeNull();
  });

  it('creates an account with POST /api/users', async () => {
    await fill('ann@example.com', 'correct horse');
    await click('Create account');
    const request = http.expectOne('/api/users');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ email: 'ann@example.com', password: 'correct horse' });
    request.flush(auth, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(TestBed.inject(SessionStore).token()).toBe('the-token');
    expect(navigate).toHaveBeenCalledWith(['/']);
  });

  it('says "Wrong email or password." on 401 and stays signed out', async () => {
    await fill('ann@example.com', 'wrong password');
    await click('Sign in');
    http.expectOne('/api/auth/login').flush({ statusCode: 401, message: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    expect(alertText()).toBe('Wrong email or password.');
    expect(TestBed.inject(SessionStore).signedIn()).toBe(false);
    expect(storage.getItem('chat.session')).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
    expect(button('Sign in').disabled).toBe(false);
  });

  it('says the account exists on 409', async () => {
    await fill('ann@example.com', 'correct horse');
    await click('Create account');
    http.expectOne('/api/users').flush({ statusCode: 409, message: 'Email already registered', error: 'Conflict' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(alertText()).toBe('An account with this email already exists. Sign in instead.');
    expect(TestBed.inject(SessionStore).signedIn()).toBe(false);
  });

  it('tells how long to wait on 429', async () => {
    await fill('ann@example.com', 'wrong password');
    await click('Sign in');
    http
      .expectOne('/api/auth/login')
      .flush({ statusCode: 429, message: 'Too Many Requests' }, { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '60' } });
    await fixture.whenStable();
    expect(alertText()).toBe('Too many attempts. Try again in 60 seconds.');
  });

  it('says the server cannot be reached on a network failure', async () => {
    await fill('ann@example.com', 'correct horse');
    await click('Sign in');
    http.expectOne('/api/auth/login').error(new ProgressEvent('error'));
    await fixture.whenStable();
    expect(alertText()).toBe('Cannot reach the server. Check your connection and try again.');
  });

  it('clears the previous error when trying again', async () => {
    await fill('ann@example.com', 'wrong password');
    await click('Sign in');
    http.expectOne('/api/auth/login').flush(null, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    expect(alertText()).toBe('Wrong email or password.');
    await click('Sign in');
    expect(alertText()).toBeNull();
    http.expectOne('/api/auth/login').flush(auth);
  });

  it('sends one request for a double click', async () => {
    await fill('ann@example.com', 'correct horse');
    button('Sign in').click();
    // The view has not been updated yet: the second click reaches an enabled button.
    expect(button('Sign in').disabled).toBe(false);
    button('Sign in').click();
    await fixture.whenStable();
    expect(button('Sign in').disabled).toBe(true);
    expect(button('Create account').disabled).toBe(true);
    button('Create account').click();
    const requests = http.match(() => true);
    expect(requests.map((request) => request.request.url)).toEqual(['/api/auth/login']);
    requests[0].flush(auth);
    await fixture.whenStable();
    expect(button('Sign in').disabled).toBe(false);
  });

  it('sends nothing while the form is invalid and shows why', async () => {
    await click('Sign in');
    http.expectNone('/api/auth/login');
    expect(element().textContent).toContain('Enter your email.');
    expect(element().textContent).toContain('Enter your password.');
    await fill('not-an-email', 'short');
    await click('Sign in');
    http.expectNone('/api/auth/login');
    expect(element().textContent).toContain('Enter a valid email address.');
    expect(element().textContent).toContain('Use 8 to 128 characters.');
  });
});
