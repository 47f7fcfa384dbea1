/** Reactions (CONTRACT.md, "Reactions"). */

/** A message holds at most this many distinct emoji; one more is `409`. */
export const REACTION_EMOJI_MAX = 20;

/**
 * One fully-qualified RGI emoji, exactly the contract's definition:
 * `^\p{RGI_Emoji}$` with the `v` flag. The property is the engine's own
 * copy of Unicode's emoji data (ICU), so no hand-written pattern and no
 * library can drift from it; Node 20 and every current browser support it.
 * Built with `new RegExp` because the TypeScript target predates the flag.
 */
const ONE_RGI_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');

export function isReactionEmoji(value: string): boolean {
  return ONE_RGI_EMOJI.test(value);
}
