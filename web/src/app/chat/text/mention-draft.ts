import { mentionToken, splitMentions, type User } from '@chat/protocol';

/**
 * Mentions while a message is typed: the box shows `@displayName`, the
 * text sent holds the token `<@id>` (CONTRACT.md, "Mentions"). Which
 * names stand for whom is kept beside the draft, name → id, filled as
 * people are picked from the list (or, when editing, from the tokens).
 */
export type PickedMentions = ReadonlyMap<string, string>;

/** The `@query` typed just before the caret: where its `@` is, and what follows it. */
export interface MentionQuery {
  start: number;
  query: string;
}

const MAX_CANDIDATES = 8;
/** An `@` at the start or after a space or an opening bracket, then no space up to the caret. */
const QUERY_BEFORE_CARET = /(?:^|[\s([{"'])@([^\s@<>]{0,50})$/u;

export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const match = QUERY_BEFORE_CARET.exec(text.slice(0, caret));
  return match ? { start: caret - match[1].length - 1, query: match[1] } : null;
}

/**
 * The people to offer for a query: those whose name, or a word of it,
 * starts with it (regardless of case and accents), then those whose name
 * holds it; never me; at most eight, by name.
 */
export function mentionCandidates<T extends User>(people: readonly T[], query: string, myId: string): T[] {
  const wanted = fold(query);
  const starts: T[] = [];
  const holds: T[] = [];
  for (const person of people) {
    if (person.id === myId) continue;
    const name = fold(person.displayName);
    if (name.startsWith(wanted) || name.split(/\s+/).some((word) => word.startsWith(wanted))) starts.push(person);
    else if (name.includes(wanted)) holds.push(person);
  }
  const byName = (a: T, b: T) => a.displayName.localeCompare(b.displayName);
  return [...starts.sort(byName), ...holds.sort(byName)].slice(0, MAX_CANDIDATES);
}

/** The text with the query replaced by `@name ` and the caret after it. */
export function insertMention(text: string, at: MentionQuery, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const rest = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, at.start) + inserted + rest, caret: at.start + inserted.length };
}

/** The text to send: each `@name` of someone picked becomes their token (a longer name before a shorter one it starts with). */
export function toTokens(text: string, picked: PickedMentions): string {
  if (picked.size === 0 || !text.includes('@')) return text;
  const names = [...picked.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`@(${names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
  return text.replace(pattern, (whole, name: string) => {
    const id = picked.get(name);
    return id === undefined ? whole : mentionToken(id);
  });
}

/**
 * A stored text made editable: each token of someone known becomes
 * `@name`, and the names picked say how to turn them back. A token of
 * someone unknown, or a second person of the same name, stays a token.
 */
export function fromTokens(text: string, names: ReadonlyMap<string, string>): { text: string; picked: Map<string, string> } {
  const picked = new Map<string, string>();
  let editable = '';
  for (const part of splitMentions(text)) {
    if ('text' in part) {
      editable += part.text;
      continue;
    }
    const name = names.get(part.mention);
    const taken = name === undefined ? undefined : picked.get(name);
    if (name === undefined || (taken !== undefined && taken !== part.mention)) {
      editable += mentionToken(part.mention);
      continue;
    }
    picked.set(name, part.mention);
    editable += `@${name}`;
  }
  return { text: editable, picked };
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
