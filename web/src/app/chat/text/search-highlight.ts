/**
 * Where a search's terms are in a text, to show them marked. The terms are
 * the server's (`searchTerms` of @chat/protocol: words and "quoted
 * phrases"), matched the way it matches them: as substrings, both sides
 * lower-cased. The result is plain text in parts, for a template to put in
 * `<mark>` elements: nothing here is ever HTML.
 */

/** A run of text, marked when it is (part of) a term. */
export interface TextPart {
  text: string;
  mark: boolean;
}

/** How many code units a long text is cut to around its first match. */
export const SNIPPET_LENGTH = 300;
/** How much of the text before the first match the cut keeps. */
const LEAD = 60;

/** The text in parts, every occurrence of every term marked (overlapping ones as one). */
export function highlight(text: string, terms: readonly string[]): TextPart[] {
  const ranges = matches(text, terms);
  const parts: TextPart[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push({ text: text.slice(at, start), mark: false });
    parts.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), mark: false });
  return parts;
}

/**
 * A long text cut to about `length` code units so that its first match
 * shows (an ellipsis where it was cut), then highlighted. A short one is
 * highlighted whole.
 */
export function snippet(text: string, terms: readonly string[], length = SNIPPET_LENGTH): TextPart[] {
  if (text.length <= length) return highlight(text, terms);
  const first = matches(text, terms)[0]?.[0] ?? 0;
  let start = first <= LEAD ? 0 : snapToSpace(text, first - LEAD);
  let end = Math.min(text.length, start + length);
  if (end === text.length) start = Math.max(0, snapToSpace(text, end - length));
  start = whole(text, start);
  end = whole(text, end);
  const cut = `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  return highlight(cut, terms);
}

/** The [start, end) ranges of every term in the text, in order, overlapping ones merged. */
function matches(text: string, terms: readonly string[]): [number, number][] {
  const folded = fold(text);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    const wanted = fold(term).text;
    if (wanted === '') continue;
    for (let at = folded.text.indexOf(wanted); at >= 0; at = folded.text.indexOf(wanted, at + 1)) {
      ranges.push([folded.start[at], folded.end[at + wanted.length - 1]]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/**
 * The text lower-cased one code point at a time (a few grow: `İ` becomes
 * two units), and for each unit of it where its code point starts and ends
 * in the original, so a match in the lower-cased text marks the original.
 */
function fold(text: string): { text: string; start: number[]; end: number[] } {
  let folded = '';
  const start: number[] = [];
  const end: number[] = [];
  let at = 0;
  for (const char of text) {
    const lower = char.toLowerCase();
    folded += lower;
    for (let i = 0; i < lower.length; i++) {
      start.push(at);
      end.push(at + char.length);
    }
    at += char.length;
  }
  return { text: folded, start, end };
}

/** Where the word around `at` starts, when a space is close before it (a cut mid-word reads badly). */
function snapToSpace(text: string, at: number): number {
  const space = text.lastIndexOf(' ', at);
  return space >= 0 && at - space < 20 ? space + 1 : at;
}

/** `at`, moved off the middle of a surrogate pair. */
function whole(text: string, at: number): number {
  const unit = text.charCodeAt(at);
  return at > 0 && at < text.length && unit >= 0xdc00 && unit <= 0xdfff ? at - 1 : at;
}
