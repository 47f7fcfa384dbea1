import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { Message } from '@chat/protocol';
import { bob, carol, msg } from '../../testing/chat-harness';
import { MessageRenderer } from '../text/markdown';
import type { MessageAction } from './message-action';
import { MessageBubble } from './message-bubble';
import type { MessageRow } from './message-items';

describe(MessageBubble.name, () => {
  let fixture: ComponentFixture<MessageBubble>;
  let acts: MessageAction[];
  const article = () => fixture.nativeElement.querySelector('article') as HTMLElement;
  const buttons = () => [...fixture.nativeElement.querySelectorAll('[role="toolbar"] button')].map((b) => (b as HTMLElement).getAttribute('aria-label'));
  const button = (label: string) => fixture.nativeElement.querySelector(`button[aria-label="${label}"]`) as HTMLButtonElement;

  async function show(message: Message, mine: boolean, editing = false, canMessage = false): Promise<void> {
    fixture = TestBed.createComponent(MessageBubble);
    acts = [];
    fixture.componentInstance.act.subscribe((action) => acts.push(action));
    const item: MessageRow = { kind: 'message', key: `m-${message.seq}`, message, mine, showSender: true, time: '10:00' };
    const renderer = new MessageRenderer({ names: new Map([[bob.id, 'Bob Chen'], ['u-me', 'Me']]), myId: 'u-me' });
    for (const [name, value] of Object.entries({ item, myId: 'u-me', editing, renderer, canMessage })) fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
  }

  it('offers Reply to everyone and Edit and Delete to the sender, each with a label', async () => {
    await show(msg(3, bob), false);
    expect(buttons()).toEqual(['Add reaction', 'Reply']);
    await show(msg(3, bob), true);
    expect(buttons()).toEqual(['Add reaction', 'Reply', 'Edit', 'Delete']);
    button('Reply').click();
    button('Edit').click();
    button('Delete').click();
    expect(acts).toEqual([
      { kind: 'reply', seq: 3 },
      { kind: 'edit', seq: 3 },
      { kind: 'delete', seq: 3 },
    ]);
  });

  it('in a group, offers a dm with the sender on their name, never on mine nor on a deleted one; in a dm, the name is just a name', async () => {
    await show(msg(3, bob), false, false, true);
    const name = button('Message bob');
    expect(name.textContent?.trim()).toBe('bob');
    name.click();
    expect(acts).toEqual([{ kind: 'dm', user: bob }]);
    await show(msg(3, bob), true, false, true);
    expect(article().querySelector('header button')).toBeNull();
    expect(article().querySelector('.sender')?.textContent).toBe('You');
    await show(msg(3, bob), false, false, false);
    expect(article().querySelector('header button')).toBeNull();
    expect(article().querySelector('.sender')?.textContent).toBe('bob');
    // A deleted message has no actions, this one included.
    await show({ ...msg(3, bob), text: '', deleted: true }, false, false, true);
    expect(article().querySelector('header button')).toBeNull();
    expect(article().querySelector('.sender')?.textContent).toBe('bob');
  });

  it('can be focused from the keyboard, which shows its actions', async () => {
    await show(msg(3, bob), false);
    expect(article().tabIndex).toBe(0);
    expect(article().querySelector('[role="toolbar"]')).not.toBeNull();
  });

  it('marks an edited message', async () => {
    await show({ ...msg(3, bob), text: 'fixed', editedAt: '2024-02-01T00:00:00.000Z' }, false);
    expect(article().querySelector('.text')?.textContent).toBe('fixed');
    expect(article().querySelector('.edited')?.textContent).toBe('(edited)');
  });

  it('shows "Message deleted" in place of a deleted one, without actions', async () => {
    await show({ ...msg(3, bob), text: '', deleted: true }, true);
    expect(article().textContent).toContain('Message deleted');
    expect(buttons()).toEqual([]);
  });

  it('shows the quote of the message it answers, which asks to show the original', async () => {
    await show({ ...msg(5, bob), replyTo: { seq: 2, sender: bob, excerpt: 'the original', deleted: false } }, false);
    const quote = article().querySelector('.quote') as HTMLButtonElement;
    expect(quote.textContent).toContain('the original');
    quote.click();
    expect(acts).toEqual([{ kind: 'find', seq: 2 }]);
  });

  it('shows its text formatted, mentions as names, and stands out when it mentions me', async () => {
    await show({ ...msg(3, bob), text: '**ship** it, <@u-me>', mentions: ['u-me'] }, false);
    expect(article().querySelector('.text strong')?.textContent).toBe('ship');
    expect(article().querySelector('.text .mention.me')?.textContent).toBe('@Me');
    expect(article().classList).toContain('mentions-me');
    expect(article().getAttribute('aria-label')).toContain('mentions you');
    await show({ ...msg(3, bob), text: 'hi <@u-bob>', mentions: [bob.id] }, false);
    expect(article().classList).not.toContain('mentions-me');
  });

  it('shows its reactions, mine pressed; a click toggles mine, a look asks who reacted', async () => {
    const reactions = [
      { emoji: '👍', count: 2, me: true },
      { emoji: '🎉', count: 1, me: false },
    ];
    await show({ ...msg(3, bob), reactions }, false);
    const chips = [...article().querySelectorAll<HTMLButtonElement>('[aria-label="Reactions"] button')];
    expect(chips.map((chip) => [chip.textContent?.trim(), chip.getAttribute('aria-pressed')])).toEqual([
      ['👍2', 'true'],
      ['🎉1', 'false'],
    ]);
    chips[0].click();
    chips[1].click();
    chips[1].dispatchEvent(new FocusEvent('focus'));
    expect(acts).toEqual([
      { kind: 'react', seq: 3, emoji: '👍', add: false },
      { kind: 'react', seq: 3, emoji: '🎉', add: true },
      { kind: 'who-reacted', seq: 3 },
    ]);
    await fixture.whenStable();
    expect(article().querySelector('[role="tooltip"]')?.textContent).toBe('Loading who reacted…');
    fixture.componentRef.setInput('whoReacted', { rev: 3, reactions: [{ ...reactions[1], users: [carol] }] });
    await fixture.whenStable();
    expect(article().querySelector('[role="tooltip"]')?.textContent).toBe('carol reacted with 🎉');
  });

  it('edits mentions as names and saves them as tokens', async () => {
    await show({ ...msg(3, bob), text: 'ask <@u-bob> and <@u-gone>' }, true, true);
    const box = article().querySelector('textarea') as HTMLTextAreaElement;
    expect(box.value).toBe('ask @Bob Chen and <@u-gone>');
    box.value = 'ask @Bob Chen and <@u-gone> now';
    box.dispatchEvent(new Event('input'));
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    expect(acts).toEqual([{ kind: 'save', seq: 3, text: 'ask <@u-bob> and <@u-gone> now' }]);
  });

  it('edits in place: Enter saves the new text, Escape cancels', async () => {
    await show(msg(3, bob), true, true);
    const box = article().querySelector('textarea') as HTMLTextAreaElement;
    expect(box.value).toBe('text 3');
    box.value = 'text 3, better ';
    box.dispatchEvent(new Event('input'));
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    expect(acts).toEqual([{ kind: 'save', seq: 3, text: 'text 3, better' }, { kind: 'cancel-edit' }]);
  });
});
