import { CLIENT_EVENT_NAMES, SERVER_EVENT_NAMES } from '@chat/protocol';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { useServer } from './support/setup';

/** The document as written beside the protocol types (parsed and checked against them in libs/protocol). */
const SOURCE = JSON.parse(readFileSync(resolve(__dirname, '../../libs/protocol/src/asyncapi.json'), 'utf8'));

describe('WebSocket documentation at /api/ws-docs', () => {
  const server = useServer();

  it('serves the AsyncAPI document as written in libs/protocol, publicly', async () => {
    const res = await fetch(`${server().baseUrl}/api/ws-docs/asyncapi.json`, { headers: { authorization: 'Bearer garbage' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const document = await res.json();
    expect(document).toEqual(SOURCE);
    const names = (direction: 'client' | 'server') =>
      Object.values(document.components.messages as Record<string, { name: string }>)
        .filter((_, i) => Object.keys(document.components.messages)[i].startsWith(direction))
        .map((message) => message.name)
        .sort();
    expect(names('client')).toEqual([...CLIENT_EVENT_NAMES].sort());
    expect(names('server')).toEqual([...SERVER_EVENT_NAMES].sort());
  });

  describe('the page', () => {
    let res: Response;
    let html: string;
    beforeAll(async () => {
      res = await fetch(`${server().baseUrl}/api/ws-docs`);
      html = await res.text();
    });

    it('is HTML that loads the viewer and its start-up script from this server', () => {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(scriptSources(html)).toEqual(['/api/ws-docs/viewer.js', '/api/ws-docs/ws-docs.js']);
    });

    it('has no inline script, and a policy that allows scripts from this server only, never inline', () => {
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        expect(attributes).toMatch(/\bsrc="/);
        expect(body.trim()).toBe('');
      }
      expect(html).not.toMatch(/\son[a-z]+=/i);
      const scriptSrc = directive(res.headers.get('content-security-policy') ?? '', 'script-src');
      expect(scriptSrc).toContain("'self'");
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc.filter((source) => !source.startsWith("'"))).toEqual([]);
    });

    it.each([
      ['/api/ws-docs/viewer.js', /javascript/],
      ['/api/ws-docs/ws-docs.js', /javascript/],
      ['/api/ws-docs/viewer.css', /^text\/css/],
    ])('serves %s', async (path, type) => {
      const asset = await fetch(`${server().baseUrl}${path}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(type);
      const body = await asset.text();
      expect(body.length).toBeGreaterThan(0);
      if (path.endsWith('viewer.js')) expect(body).toContain('AsyncApiStandalone');
      if (path.endsWith('ws-docs.js')) expect(body).toContain('/api/ws-docs/asyncapi.json');
    });
  });

  it('is linked from the Swagger document and listed in it', async () => {
    const doc = await (await fetch(`${server().baseUrl}/api/docs-json`)).json();
    expect(doc.info.description).toContain('/api/ws-docs');
    expect(doc.paths['/api/ws-docs']?.get).toBeDefined();
    expect(doc.paths['/api/ws-docs/asyncapi.json']?.get).toBeDefined();
  });
});

function scriptSources(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/gi)].map((match) => match[1]);
}

function directive(policy: string, name: string): string[] {
  const found = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([directiveName]) => directiveName === name);
  return found ? found.slice(1) : [];
}
