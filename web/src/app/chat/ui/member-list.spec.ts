import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { User } from '@chat/protocol';
import { bob, carol, meInPublic } from '../../testing/chat-harness';
import { MemberList } from './member-list';

describe(MemberList.name, () => {
  let fixture: ComponentFixture<MemberList>;
  let picked: User[];
  const rows = () => [...fixture.nativeElement.querySelectorAll('li')] as HTMLElement[];

  beforeEach(async () => {
    fixture = TestBed.createComponent(MemberList);
    picked = [];
    fixture.componentInstance.dmWith.subscribe((user) => picked.push(user));
    fixture.componentRef.setInput('members', [
      { ...carol, online: false },
      { ...meInPublic, online: true },
      { ...bob, online: true },
    ]);
    fixture.componentRef.setInput('myId', meInPublic.id);
    await fixture.whenStable();
  });

  it('lists online members first, each with "Message" but me', () => {
    expect(rows().map((row) => row.querySelector('.name')?.textContent)).toEqual(['bob', 'me', 'carol']);
    expect(rows().map((row) => row.querySelector('button')?.getAttribute('aria-label') ?? null)).toEqual(['Message bob', null, 'Message carol']);
  });

  it('says whom to open a dm with, as a user (no presence)', () => {
    rows()[2].querySelector('button')?.click();
    expect(picked).toEqual([carol]);
  });
});
