import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { Group, Member } from '@chat/protocol';
import { bob, dm, group, meInPublic, msg } from '../../testing/chat-harness';
import { NO_ACTIVITY } from '../state/activity.store';
import { EMPTY_TIMELINE } from '../state/timeline-changes';
import type { MessageAction } from './message-action';
import { MessagePane } from './message-pane';

describe(MessagePane.name, () => {
  let fixture: ComponentFixture<MessagePane>;
  let acts: MessageAction[];
  const element = () => fixture.nativeElement as HTMLElement;
  const heading = () => element().querySelector('h2')?.textContent?.trim();
  const buttonLabels = () => [...element().querySelectorAll('button')].map((b) => b.getAttribute('aria-label') ?? b.textContent?.trim());

  async function show(shown: Group, members: Member[] | null): Promise<void> {
    fixture = TestBed.createComponent(MessagePane);
    acts = [];
    fixture.componentInstance.act.subscribe((action) => acts.push(action));
    const inputs = { group: shown, timeline: { ...EMPTY_TIMELINE, messages: [msg(1, bob, shown.name)] }, activity: { ...NO_ACTIVITY, members }, outgoing: [], myId: meInPublic.id };
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
  }

  it('heads a group with its name and member count, offers Leave, lists the members and a dm with each sender', async () => {
    await show(group('general', 1), [
      { ...meInPublic, online: true },
      { ...bob, online: false },
    ]);
    expect(heading()).toBe('# general');
    expect(element().querySelector('.head .count')?.textContent).toBe('2 members');
    expect(buttonLabels()).toContain('Leave');
    expect(element().querySelector('chat-member-list')).not.toBeNull();
    (element().querySelector('[role="log"] button[aria-label="Message bob"]') as HTMLButtonElement).click();
    (element().querySelector('chat-member-list button[aria-label="Message bob"]') as HTMLButtonElement).click();
    expect(acts).toEqual([
      { kind: 'dm', user: bob },
      { kind: 'dm', user: bob },
    ]);
    expect(element().querySelector('chat-member-list button[aria-label="Message me"]')).toBeNull();
  });

  it('heads a dm with the other person and their presence, with nothing to leave and no member list', async () => {
    const withBob = dm(bob, 1);
    await show(withBob, [
      { ...bob, online: true },
      { ...meInPublic, online: true },
    ]);
    expect(heading()).toBe('bob');
    expect(element().querySelector('section')?.getAttribute('aria-label')).toBe('Direct messages with bob');
    expect(element().querySelector('[role="log"]')?.getAttribute('aria-label')).toBe('Messages with bob');
    expect(element().querySelector('.head .dot.online')).not.toBeNull();
    expect(element().querySelector('.head .count')?.textContent).toBe('Online');
    expect(buttonLabels()).not.toContain('Leave');
    expect(element().querySelector('chat-member-list')).toBeNull();
    // The sender's name would open this same dm: it is no button here.
    expect(element().querySelector('button[aria-label="Message bob"]')).toBeNull();
  });

  it('says nothing of the presence until the members are loaded, then follows it', async () => {
    await show(dm(bob, 1), null);
    expect(heading()).toBe('bob');
    expect(element().querySelector('.head .dot')).toBeNull();
    expect(element().querySelector('.head .count')).toBeNull();
    fixture.componentRef.setInput('activity', { ...NO_ACTIVITY, members: [{ ...bob, online: false }] });
    await fixture.whenStable();
    expect(element().querySelector('.head .dot.online')).toBeNull();
    expect(element().querySelector('.head .count')?.textContent).toBe('Offline');
  });
});
