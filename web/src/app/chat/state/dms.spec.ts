import { computed } from '@angular/core';
import { bob, dm, group, meInPublic } from '../../testing/chat-harness';
import { isDm, otherPerson, RecentFirst } from './dms';

describe('dms', () => {
  it('tells a dm from a group by its kind', () => {
    expect(isDm(dm(bob))).toBe(true);
    expect(isDm(group('general', 0))).toBe(false);
  });

  it('names the other person of a dm, whoever opened it', () => {
    expect(otherPerson(dm(bob), meInPublic.id)).toEqual(bob);
    expect(otherPerson({ ...dm(bob), members: [meInPublic, bob] }, meInPublic.id)).toEqual(bob);
  });
});

describe(RecentFirst.name, () => {
  /** The names, sorted as a list would sort them. */
  function sorted(order: RecentFirst, names: string[]): string[] {
    const rank = order.rankOf();
    return [...names].sort((a, b) => rank(b) - rank(a));
  }

  it('keeps the server’s order, newest first, and puts what moves in front', () => {
    const order = new RecentFirst();
    order.replace(['@b', '@a', '@c'], order.mark());
    expect(sorted(order, ['@a', '@b', '@c'])).toEqual(['@b', '@a', '@c']);
    order.touch('@c');
    expect(sorted(order, ['@a', '@b', '@c'])).toEqual(['@c', '@b', '@a']);
    order.touch('@a');
    expect(sorted(order, ['@a', '@b', '@c'])).toEqual(['@a', '@c', '@b']);
  });

  it('keeps in front what moved while a list was on its way (the answer may predate it)', () => {
    const order = new RecentFirst();
    order.replace(['@a', '@b', '@c'], order.mark());
    const since = order.mark();
    order.touch('@c'); // a message in @c
    order.touch('@new'); // a dm created meanwhile, not in the answer
    order.replace(['@a', '@b', '@c'], since);
    expect(sorted(order, ['@a', '@b', '@c', '@new'])).toEqual(['@new', '@c', '@a', '@b']);
    // A later list knows better about everything.
    order.replace(['@b', '@new', '@a', '@c'], order.mark());
    expect(sorted(order, ['@a', '@b', '@c', '@new'])).toEqual(['@b', '@new', '@a', '@c']);
  });

  it('puts a name never ranked last, and compares names as the server does', () => {
    const order = new RecentFirst();
    order.touch('@A');
    expect(sorted(order, ['@unknown', '@a'])).toEqual(['@a', '@unknown']);
  });

  it('is a signal: what sorts by it follows every move', () => {
    const order = new RecentFirst();
    order.replace(['@a', '@b'], order.mark());
    const first = computed(() => sorted(order, ['@a', '@b'])[0]);
    expect(first()).toBe('@a');
    order.touch('@b');
    expect(first()).toBe('@b');
    order.clear();
    order.touch('@c');
    expect(first()).toBe('@a'); // cleared: neither is ranked, the input order stays
  });
});
