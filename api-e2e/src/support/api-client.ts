import type { AuthResponse, Group, GroupDetail, Message, User } from '@chat/protocol';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  /** The body exactly as it came over the wire. */
  text: string;
  headers: Headers;
}

/** A thin REST client over real HTTP (Node's fetch). */
export class ApiClient {
  constructor(readonly baseUrl: string, private token?: string) {}

  withToken(token: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.token) (init.headers as Record<string, string>).authorization = `Bearer ${this.token}`;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      init.body = typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body);
    }
    const response = await fetch(`${this.baseUrl}${path}`, init);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON; keep the text
    }
    return { status: response.status, body: parsed as T, text, headers: response.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

let counter = 0;
/** An email no other test (or earlier run against a persistent store) uses. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}@example.test`;
}

export function uniqueGroupName(prefix = 'group'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

export interface TestUser extends AuthResponse {
  api: ApiClient;
  password: string;
}

/** How everyone but the user sees them: `{id, displayName}`, no email. */
export function publicUser(user: TestUser): User {
  return { id: user.user.id, displayName: user.user.displayName };
}

/** Registers a user and returns a client that carries its token. */
export async function registerUser(baseUrl: string, displayName?: string): Promise<TestUser> {
  const password = 'correct horse battery';
  const email = uniqueEmail(displayName?.toLowerCase().replace(/\W/g, '') || 'user');
  const res = await new ApiClient(baseUrl).post<AuthResponse>('/api/users', { email, password, ...(displayName ? { displayName } : {}) });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, password, api: new ApiClient(baseUrl, res.body.token) };
}

export async function createGroup(user: TestUser, name = uniqueGroupName()): Promise<Group> {
  const res = await user.api.post<Group>('/api/groups', { name });
  if (res.status !== 201) throw new Error(`create group failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function joinGroup(user: TestUser, name: string): Promise<GroupDetail> {
  const res = await user.api.post<GroupDetail>(`/api/groups/${encodeURIComponent(name)}/members`);
  if (res.status !== 200) throw new Error(`join failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function history(user: TestUser, name: string, query = ''): Promise<Message[]> {
  const res = await user.api.get<Message[]>(`/api/groups/${encodeURIComponent(name)}/messages${query}`);
  if (res.status !== 200) throw new Error(`history failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
