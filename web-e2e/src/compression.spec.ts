import { expect, test } from '@playwright/test';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The web client's files go out compressed (the emoji data of the reaction
 * picker is 440 KB raw); API answers never do (they carry session tokens
 * beside text clients choose: the BREACH ingredients).
 */
test.describe('compression', () => {
  const gzip = { headers: { 'accept-encoding': 'gzip' } };

  test("the web client's files are gzipped for a browser that accepts it, and still arrive whole", async ({ request }) => {
    const data = await request.get('/emoji/data.json', gzip);
    expect(data.status()).toBe(200);
    expect(data.headers()['content-encoding']).toBe('gzip');
    expect(data.headers()['vary']).toMatch(/accept-encoding/i);
    expect(((await data.json()) as unknown[]).length).toBeGreaterThan(1000);

    // Every script of the build over 2 KB (compression leaves bodies under 1 KB as they are).
    const built = join(__dirname, '../../dist/web/browser');
    const scripts = readdirSync(built).filter((file) => file.endsWith('.js') && statSync(join(built, file)).size > 2048);
    expect(scripts.length).toBeGreaterThan(3);
    for (const file of scripts) {
      const script = await request.get(`/${file}`, gzip);
      expect({ file, encoding: script.headers()['content-encoding'] }).toEqual({ file, encoding: 'gzip' });
      expect((await script.body()).length).toBe(statSync(join(built, file)).size);
    }
  });

  test('API answers are never compressed, however large', async ({ request }) => {
    const openApi = await request.get('/api/docs-json', gzip);
    expect(openApi.status()).toBe(200);
    expect((await openApi.body()).length).toBeGreaterThan(10_000);
    expect(openApi.headers()['content-encoding']).toBeUndefined();
    const health = await request.get('/api/health', gzip);
    expect(health.headers()['content-encoding']).toBeUndefined();
  });

  test('a client that does not accept gzip gets the files as they are', async ({ request }) => {
    const data = await request.get('/emoji/data.json', { headers: { 'accept-encoding': 'identity' } });
    expect(data.headers()['content-encoding']).toBeUndefined();
    expect(((await data.json()) as unknown[]).length).toBeGreaterThan(1000);
  });
});
