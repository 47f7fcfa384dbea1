import { PerGroup, sameGroup } from './per-group';

describe(PerGroup.name, () => {
  it('looks groups up by name regardless of case', () => {
    const values = new PerGroup<number>();
    values.set('General', 1);
    expect(values.get('general')).toBe(1);
    values.patch('GENERAL', (value) => value + 1);
    expect(values.values()).toEqual([2]);
    expect(sameGroup('General', 'gEneral')).toBe(true);
  });

  it('changes an unknown group only when given a value to start from', () => {
    const values = new PerGroup<number>();
    values.patch('general', (value) => value + 1);
    expect(values.get('general')).toBeUndefined();
    values.patch('general', (value) => value + 1, 0);
    expect(values.get('general')).toBe(1);
  });

  it('keeps the same map when nothing changes', () => {
    const values = new PerGroup<number>();
    values.replace([['a', 1], ['b', 2]]);
    const before = values.values();
    values.patchAll((value) => value);
    values.delete('missing');
    expect(values.values()).toBe(before);
    values.patchAll((value) => (value === 2 ? 3 : value));
    expect(values.values().sort()).toEqual([1, 3]);
    values.clear();
    expect(values.values()).toEqual([]);
  });
});
