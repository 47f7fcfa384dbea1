import { ComponentFixture, TestBed } from '@angular/core/testing';
import { bob, carol, dm, meInPublic } from '../../testing/chat-harness';
import { DmList } from './dm-list';

describe(DmList.name, () => {
  let fixture: ComponentFixture<DmList>;
  let picked: string[];
  const links = () => [...fixture.nativeElement.querySelectorAll('a')] as HTMLAnchorElement[];
  const withBob = { ...dm(bob, 5, 2), mentionUnread: 1 };
  const withCarol = { ...dm(carol), members: [meInPublic, { ...carol, displayName: 'élodie' }] };

  async function show(dms = [withBob, withCarol], activeName: string | null = null): Promise<void> {
    fixture = TestBed.createComponent(DmList);
    picked = [];
    fixture.componentInstance.picked.subscribe((name) => picked.push(name));
    fixture.componentRef.setInput('dms', dms);
    fixture.componentRef.setInput('myId', meInPublic.id);
    fixture.componentRef.setInput('activeName', activeName);
    await fixture.whenStable();
  }

  it('shows each dm under the other person’s name, in the order given, whoever opened it', async () => {
    await show();
    expect(links().map((link) => link.querySelector('.name')?.textContent)).toEqual(['bob', 'élodie']);
    expect(links().map((link) => link.querySelector('.avatar')?.textContent)).toEqual(['B', 'É']);
  });

  it('badges unread messages and mentions of me as for a group', async () => {
    await show();
    expect(links()[0].querySelector('[aria-label="3 unread"]')?.textContent).toBe('3');
    expect(links()[0].querySelector('[aria-label="1 mention"]')?.textContent).toBe('@1');
    expect(links()[1].querySelector('[aria-label$=" unread"], [aria-label$=" mention"]')).toBeNull();
  });

  it('marks the open one and says which was picked', async () => {
    await show(undefined, withCarol.name);
    expect(links().map((link) => link.getAttribute('aria-current'))).toEqual([null, 'page']);
    links()[0].click();
    expect(picked).toEqual([withBob.name]);
  });

  it('says how to start one when there is none', async () => {
    await show([]);
    expect(links()).toEqual([]);
    expect(fixture.nativeElement.textContent).toContain('None yet. Press “Message” beside someone in a group');
  });
});
