import { usePostgres } from './support/databases';
import { useServer } from './support/setup';

/** Every REST route of the contract, as OpenAPI writes it. */
const ROUTES: Array<[method: string, path: string, authenticated: boolean]> = [
  ['post', '/api/users', false],
  ['post', '/api/auth/login', false],
  ['post', '/api/auth/logout', true],
  ['get', '/api/users/me', true],
  ['get', '/api/groups', true],
  ['post', '/api/groups', true],
  ['get', '/api/groups/{name}', true],
  ['post', '/api/groups/{name}/members', true],
  ['delete', '/api/groups/{name}/members/me', true],
  ['get', '/api/groups/{name}/messages', true],
  ['get', '/api/groups/{name}/changes', true],
  ['patch', '/api/groups/{name}/messages/{seq}', true],
  ['delete', '/api/groups/{name}/messages/{seq}', true],
  ['put', '/api/groups/{name}/messages/{seq}/reactions/{emoji}', true],
  ['delete', '/api/groups/{name}/messages/{seq}/reactions/{emoji}', true],
  ['get', '/api/dms', true],
  ['post', '/api/dms', true],
];

describe('health and API documentation', () => {
  const server = useServer();

  it('GET /api/health answers 200 {"status":"ok"} as JSON', async () => {
    const res = await fetch(`${server().baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /api/health needs no token', async () => {
    const res = await fetch(`${server().baseUrl}/api/health`, { headers: { authorization: 'Bearer garbage' } });
    expect(res.status).toBe(200);
  });

  it('GET /api/health/ready answers 200 with terminus\'s shape, the database up, no token needed', async () => {
    const res = await fetch(`${server().baseUrl}/api/health/ready`, { headers: { authorization: 'Bearer garbage' } });
    expect(res.status).toBe(200);
    // A PostgreSQL ping also reports its responseTime.
    const database = usePostgres ? { status: 'up', store: 'postgres', responseTime: expect.any(Number) } : { status: 'up', store: 'memory' };
    // No REDIS_URL here: Redis is not checked (see redis/readiness.spec.ts).
    expect(await res.json()).toEqual({ status: 'ok', info: { database }, error: {}, details: { database } });
  });

  it('GET /api/docs serves the Swagger UI page', async () => {
    const res = await fetch(`${server().baseUrl}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/<html/i);
    expect(html).toMatch(/swagger-ui/i);
  });

  describe('GET /api/docs-json', () => {
    let doc: any;
    beforeAll(async () => {
      const res = await fetch(`${server().baseUrl}/api/docs-json`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      doc = await res.json();
    });

    it('is an OpenAPI 3 document', () => {
      expect(typeof doc.openapi).toBe('string');
      expect(doc.openapi).toMatch(/^3\./);
      expect(typeof doc.info?.title).toBe('string');
      expect(typeof doc.paths).toBe('object');
    });

    it('declares bearer authentication', () => {
      const schemes = Object.values(doc.components?.securitySchemes ?? {}) as any[];
      expect(schemes).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'http', scheme: 'bearer' })]));
    });

    it.each(ROUTES)('lists %s %s', (method, path, authenticated) => {
      const operation = doc.paths?.[path]?.[method];
      expect({ route: `${method} ${path}`, listed: Boolean(operation) }).toEqual({ route: `${method} ${path}`, listed: true });
      if (authenticated) {
        const bearerNames = Object.entries(doc.components?.securitySchemes ?? {})
          .filter(([, s]: [string, any]) => s.type === 'http' && s.scheme === 'bearer')
          .map(([name]) => name);
        const security: Array<Record<string, unknown>> = operation.security ?? doc.security ?? [];
        const usesBearer = security.some((requirement) => Object.keys(requirement).some((k) => bearerNames.includes(k)));
        expect({ route: `${method} ${path}`, usesBearer }).toEqual({ route: `${method} ${path}`, usesBearer: true });
      }
    });

    it.each(['/api/health/ready', '/api/metrics', '/api/ws-docs', '/api/ws-docs/asyncapi.json'])('lists GET %s, public', (path) => {
      const operation = doc.paths?.[path]?.get;
      expect({ path, listed: Boolean(operation) }).toEqual({ path, listed: true });
      expect(operation.security ?? []).toEqual([]);
    });

    it('documents /api/metrics as text/plain', () => {
      expect(Object.keys(doc.paths['/api/metrics'].get.responses['200'].content)).toEqual(['text/plain']);
    });

    it('documents POST /api/dms: 201 new, 200 existing, 400, 403, 404, and the dm shape with kind and members', () => {
      const operation = doc.paths['/api/dms'].post;
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '401', '403', '404']));
      const dm = doc.components.schemas.DmDto;
      expect(dm.properties.kind.enum).toEqual(['dm']);
      expect(dm.properties.members.type).toBe('array');
      expect(doc.components.schemas.GroupDto.properties.kind.enum).toEqual(['group', 'dm']);
      expect(doc.components.schemas.CreateDmDto.required).toEqual(['userId']);
    });

    it('documents the history query parameters and the group name path parameter', () => {
      const params: any[] = doc.paths['/api/groups/{name}/messages'].get.parameters ?? [];
      const query = params.filter((p) => p.in === 'query').map((p) => p.name).sort();
      expect(query).toEqual(['after', 'before', 'limit']);
      expect(params.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(['name']);
    });
  });
});
