import type { IncomingMessage } from 'node:http';
import { isOriginAllowed } from './origin-policy';

function request(headers: Record<string, string>, encrypted = false): IncomingMessage {
  return { headers, socket: { encrypted } } as unknown as IncomingMessage;
}

describe(isOriginAllowed.name, () => {
  const plain = request({ host: 'localhost:3000' });

  it('allows a request without Origin (not a browser)', () => {
    expect(isOriginAllowed(undefined, plain, null)).toBe(true);
    expect(isOriginAllowed(undefined, plain, ['https://chat.example.com'])).toBe(true);
  });

  describe('without ALLOWED_ORIGINS', () => {
    it('allows only the origin the request was addressed to', () => {
      expect(isOriginAllowed('http://localhost:3000', plain, null)).toBe(true);
      expect(isOriginAllowed('http://localhost:4200', plain, null)).toBe(false);
      expect(isOriginAllowed('https://localhost:3000', plain, null)).toBe(false);
      expect(isOriginAllowed('http://evil.example', plain, null)).toBe(false);
    });

    it('uses https for a TLS socket', () => {
      const tls = request({ host: 'chat.example.com' }, true);
      expect(isOriginAllowed('https://chat.example.com', tls, null)).toBe(true);
      expect(isOriginAllowed('http://chat.example.com', tls, null)).toBe(false);
    });

    it('trusts the first X-Forwarded-Proto behind a proxy', () => {
      const proxied = request({ host: 'chat.example.com', 'x-forwarded-proto': 'https, http' });
      expect(isOriginAllowed('https://chat.example.com', proxied, null)).toBe(true);
      expect(isOriginAllowed('http://chat.example.com', proxied, null)).toBe(false);
    });

    it('refuses every browser origin when there is no Host header', () => {
      expect(isOriginAllowed('http://localhost:3000', request({}), null)).toBe(false);
    });
  });

  describe('with ALLOWED_ORIGINS', () => {
    const allowed = ['https://chat.example.com', 'http://localhost:4200'];

    it('allows exactly the listed origins, not the request\'s own', () => {
      expect(isOriginAllowed('https://chat.example.com', plain, allowed)).toBe(true);
      expect(isOriginAllowed('http://localhost:4200', plain, allowed)).toBe(true);
      expect(isOriginAllowed('http://localhost:3000', plain, allowed)).toBe(false);
      expect(isOriginAllowed('https://chat.example.com.evil.example', plain, allowed)).toBe(false);
    });
  });
});
