import { DM_NAME_PREFIX, isValidGroupName, groupKey } from '@chat/protocol';
import { dmName } from './dm-name';

describe(dmName.name, () => {
  const ana = '0b6f3a43-54c3-4a8e-9c55-5b1d7e8d2f10';
  const ben = '9a7d0c1e-2b3f-4a5b-8c6d-7e8f9a0b1c2d';

  it('is the same whoever asks, and its own key', () => {
    const name = dmName(ana, ben);
    expect(dmName(ben, ana)).toBe(name);
    expect(groupKey(name)).toBe(name);
    expect(name).toMatch(/^@[a-z2-7]{26}$/);
  });

  it('is outside the group-name grammar, so no group can take it', () => {
    expect(dmName(ana, ben).startsWith(DM_NAME_PREFIX)).toBe(true);
    expect(isValidGroupName(dmName(ana, ben))).toBe(false);
  });

  it('differs for every pair', () => {
    const names = new Set<string>();
    for (let i = 0; i < 200; i++) names.add(dmName(ana, `user-${i}`));
    names.add(dmName('user-0', 'user-1'));
    expect(names.size).toBe(201);
  });
});
