import { isReactionEmoji } from '@chat/protocol';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asReaction } from './reaction-emoji';

describe(asReaction.name, () => {
  it('keeps an RGI emoji, drops a needless variation selector, adds a missing one', () => {
    expect(asReaction('🎉')).toBe('🎉');
    expect(asReaction('👍\uFE0F')).toBe('👍');
    expect(asReaction('❤')).toBe('❤️');
    expect(asReaction('👨‍👩‍👧')).toBe('👨‍👩‍👧');
    expect(asReaction('ok')).toBeNull();
  });

  it('makes every emoji of the picker data, and every skin tone, one the server takes', () => {
    const path = join(__dirname, '../../../../../node_modules/emoji-picker-element-data/en/emojibase/data.json');
    const data: { emoji: string; skins?: { emoji: string }[] }[] = JSON.parse(readFileSync(path, 'utf8'));
    const all = data.flatMap((emoji) => [emoji.emoji, ...(emoji.skins ?? []).map((skin) => skin.emoji)]);
    expect(all.length).toBeGreaterThan(3000);
    expect(all.filter((emoji) => !isReactionEmoji(asReaction(emoji) ?? ''))).toEqual([]);
  });
});
