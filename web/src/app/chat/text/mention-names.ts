import type { Message, User } from '@chat/protocol';

/** How a mention of someone this client does not know reads. */
export const UNKNOWN_USER = 'unknown-user';

/** The display name a mention of `id` shows (without the `@`). */
export function mentionName(id: string, names: ReadonlyMap<string, string>): string {
  return names.get(id) ?? UNKNOWN_USER;
}

/** id → displayName of everyone these people and messages show (members first; a sender who left still has a name). */
export function namesOf(people: readonly User[], messages: readonly Message[] = []): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    names.set(message.sender.id, message.sender.displayName);
    if (message.replyTo) names.set(message.replyTo.sender.id, message.replyTo.sender.displayName);
  }
  for (const person of people) names.set(person.id, person.displayName);
  return names;
}

/** Whether two name maps say the same (so a signal holding one need not notify). */
export function sameNames(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, name] of a) if (b.get(id) !== name) return false;
  return true;
}
