import { range } from '../../testing/chat-harness';
import { EMPTY_TIMELINE, type Timeline } from './timeline-changes';
import { withNewer, withWindow } from './timeline-gap';

const seqs = (timeline: Timeline) => timeline.messages.map((m) => m.seq);
/** Messages 6-55 opened far back, 151-200 the newest. */
const farBack: Timeline = { ...EMPTY_TIMELINE, messages: [...range(6, 55), ...range(151, 200)], hasOlder: true, gap: { after: 55, before: 151 }, rev: 200 };

describe(withWindow.name, () => {
  it('leaves no gap when the server had nothing newer than the page after', () => {
    const timeline = withWindow({ ...EMPTY_TIMELINE, messages: range(151, 200), hasOlder: true, rev: 200 }, range(6, 30), range(31, 40), true);
    expect(timeline.gap).toBeNull();
  });

  it('changes nothing when the pages hold nothing', () => {
    expect(withWindow(farBack, [], [], true)).toBe(farBack);
  });

  it('drops a window it does not touch; the newest stay', () => {
    const timeline = withWindow(farBack, range(81, 100), range(101, 120), false);
    expect(seqs(timeline)).toEqual([...range(81, 120), ...range(151, 200)].map((m) => m.seq));
    expect(timeline.gap).toEqual({ after: 120, before: 151 });
  });

  it('starts from 1 without older history', () => {
    const timeline = withWindow(farBack, range(1, 3), range(4, 28), false);
    expect(timeline.hasOlder).toBe(false);
    expect(seqs(timeline).slice(0, 3)).toEqual([1, 2, 3]);
  });
});

describe(withNewer.name, () => {
  it('closes the gap on a short page, even an empty one', () => {
    expect(withNewer(farBack, 55, range(56, 60), 50).gap).toBeNull();
    expect(withNewer(farBack, 55, [], 50).gap).toBeNull();
  });

  it('ignores a page asked for where the gap no longer is', () => {
    expect(withNewer(farBack, 40, range(41, 90), 50)).toBe(farBack);
    expect(withNewer({ ...farBack, gap: null }, 55, range(56, 105), 50).gap).toBeNull();
  });
});
