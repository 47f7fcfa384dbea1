import { HttpErrorResponse } from '@angular/common/http';

/** Turns an API failure into a sentence for a person. `wording` overrides by status. */
export function describeHttpError(error: unknown, wording: Partial<Record<number, string>> = {}): string {
  if (!(error instanceof HttpErrorResponse)) return 'Something went wrong. Please try again.';
  if (error.status === 0) return 'Cannot reach the server. Check your connection and try again.';
  const custom = wording[error.status];
  if (custom) return custom;
  if (error.status === 429) {
    const wait = Number(error.headers.get('Retry-After'));
    return wait > 0 ? `Too many attempts. Try again in ${formatWait(wait)}.` : 'Too many attempts. Try again later.';
  }
  const message = (error.error as { message?: unknown } | null)?.message;
  if (Array.isArray(message)) return message.map(sentence).join(' ');
  if (typeof message === 'string') return sentence(message);
  return `The server answered ${error.status}. Please try again.`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function formatWait(seconds: number): string {
  return seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
}
