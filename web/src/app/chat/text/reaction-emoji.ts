import { isReactionEmoji } from '@chat/protocol';

/**
 * The picker's data writes some emoji with a variation selector the RGI
 * form does not have (`👍️` for 👍), or without one it needs: the form the
 * server takes as one emoji, or `null`.
 */
export function asReaction(emoji: string): string | null {
  if (isReactionEmoji(emoji)) return emoji;
  const bare = emoji.replace(/\uFE0F/g, '');
  if (isReactionEmoji(bare)) return bare;
  const [first, ...rest] = [...bare];
  const qualified = `${first}\uFE0F${rest.join('')}`;
  return isReactionEmoji(qualified) ? qualified : null;
}
