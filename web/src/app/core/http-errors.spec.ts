import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { describeHttpError } from './http-errors';

function httpError(status: number, error: unknown = null, headers?: Record<string, string>): HttpErrorResponse {
  return new HttpErrorResponse({ status, error, headers: new HttpHeaders(headers), url: '/api/x' });
}

describe(describeHttpError.name, () => {
  it('says the server cannot be reached for status 0 (network failure)', () => {
    expect(describeHttpError(httpError(0))).toBe('Cannot reach the server. Check your connection and try again.');
  });

  it('does not let a wording for another status replace the network message', () => {
    expect(describeHttpError(httpError(0), { 401: 'Wrong email or password.' })).toBe(
      'Cannot reach the server. Check your connection and try again.',
    );
  });

  it('joins an array of validation messages as sentences', () => {
    const error = httpError(400, { statusCode: 400, message: ['email must be an email', 'password is too short.'], error: 'Bad Request' });
    expect(describeHttpError(error)).toBe('Email must be an email. Password is too short.');
  });

  it('turns a single message into a sentence', () => {
    expect(describeHttpError(httpError(400, { statusCode: 400, message: '  invalid name ', error: 'Bad Request' }))).toBe('Invalid name.');
  });

  it('keeps the final punctuation of a message', () => {
    expect(describeHttpError(httpError(404, { statusCode: 404, message: 'No such group!', error: 'Not Found' }))).toBe('No such group!');
  });

  it('uses the wording given for the status (401)', () => {
    const error = httpError(401, { statusCode: 401, message: 'Unauthorized', error: 'Unauthorized' });
    expect(describeHttpError(error, { 401: 'Wrong email or password.' })).toBe('Wrong email or password.');
  });

  it('uses the server message for 409 when no wording is given, and the wording when it is', () => {
    const error = httpError(409, { statusCode: 409, message: 'email already registered', error: 'Conflict' });
    expect(describeHttpError(error)).toBe('Email already registered.');
    expect(describeHttpError(error, { 409: 'An account with this email already exists.' })).toBe('An account with this email already exists.');
  });

  it('tells how long to wait on 429 with Retry-After in seconds', () => {
    const error = httpError(429, { statusCode: 429, message: 'ThrottlerException: Too Many Requests', error: 'Too Many Requests' }, { 'Retry-After': '30' });
    expect(describeHttpError(error)).toBe('Too many attempts. Try again in 30 seconds.');
  });

  it('counts minutes (rounded up) for a long Retry-After', () => {
    expect(describeHttpError(httpError(429, null, { 'Retry-After': '125' }))).toBe('Too many attempts. Try again in 3 minutes.');
    expect(describeHttpError(httpError(429, null, { 'Retry-After': '119' }))).toBe('Too many attempts. Try again in 119 seconds.');
  });

  it('says "later" on 429 without a usable Retry-After', () => {
    expect(describeHttpError(httpError(429))).toBe('Too many attempts. Try again later.');
    expect(describeHttpError(httpError(429, null, { 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' }))).toBe('Too many attempts. Try again later.');
  });

  it('prefers a wording for 429 over the Retry-After sentence', () => {
    expect(describeHttpError(httpError(429, null, { 'Retry-After': '30' }), { 429: 'Slow down.' })).toBe('Slow down.');
  });

  it('names the status when the body has no message', () => {
    expect(describeHttpError(httpError(502, '<html>Bad gateway</html>'))).toBe('The server answered 502. Please try again.');
    expect(describeHttpError(httpError(500, null))).toBe('The server answered 500. Please try again.');
  });

  it('has a generic sentence for anything that is not an HTTP error', () => {
    expect(describeHttpError(new Error('boom'))).toBe('Something went wrong. Please try again.');
    expect(describeHttpError(undefined)).toBe('Something went wrong. Please try again.');
  });
});
