import { ComponentFixture, TestBed } from '@angular/core/testing';
import { bob, msg } from '../../testing/chat-harness';
import { Composer } from './composer';
import type { MessageAction } from './message-action';

describe(Composer.name, () => {
  let fixture: ComponentFixture<Composer>;
  let sent: string[];
  let typing: number;

  const textarea = () => fixture.nativeElement.querySelector('textarea') as HTMLTextAreaElement;
  const sendButton = () => fixture.nativeElement.querySelector('button[type="submit"]') as HTMLButtonElement;
  const counter = () => fixture.nativeElement.querySelector('.left') as HTMLElement | null;

  async function type(value: string): Promise<void> {
    textarea().value = value;
    textarea().dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  async function press(init: KeyboardEventInit): Promise<KeyboardEvent> {
    const event = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...init });
    textarea().dispatchEvent(event);
    await fixture.whenStable();
    return event;
  }

  beforeEach(async () => {
    fixture = TestBed.createComponent(Composer);
    sent = [];
    typing = 0;
    fixture.componentInstance.sent.subscribe((text) => sent.push(text));
    fixture.componentInstance.typing.subscribe(() => typing++);
    await fixture.whenStable();
  });

  it('sends the trimmed text on Enter and clears the field', async () => {
    await type('  hello there \n');
    const enter = await press({});
    expect(sent).toEqual(['hello there']);
    expect(enter.defaultPrevented).toBe(true); // no new line
    expect(textarea().value).toBe('');
    expect(sendButton().disabled).toBe(true);
  });

  it('does not send on Shift+Enter (a new line)', async () => {
    await type('first line');
    const shiftEnter = await press({ shiftKey: true });
    expect(sent).toEqual([]);
    expect(shiftEnter.defaultPrevented).toBe(false);
    expect(textarea().value).toBe('first line');
  });

  it('does not send on Enter while an input method is composing', async () => {
    await type('かな');
    await press({ isComposing: true });
    expect(sent).toEqual([]);
  });

  it('does not send whitespace only, and keeps the Send button disabled', async () => {
    expect(sendButton().disabled).toBe(true);
    await type('   \n\t ');
    expect(sendButton().disabled).toBe(true);
    const enter = await press({});
    expect(sent).toEqual([]);
    expect(enter.defaultPrevented).toBe(true);
  });

  it('sends with the Send button too', async () => {
    await type(' via button ');
    expect(sendButton().disabled).toBe(false);
    sendButton().click();
    await fixture.whenStable();
    expect(sent).toEqual(['via button']);
    expect(textarea().value).toBe('');
  });

  it('sends what is typed next after a send', async () => {
    await type('one');
    await press({});
    await type('two');
    await press({});
    expect(sent).toEqual(['one', 'two']);
  });

  describe('Enter pressed before the view caught up with the typing (a quick paste and Enter)', () => {
    // The input and the keydown arrive in one go, with no change detection between them:
    // the text goes '' → 'x' → '' before the view is checked again.
    function pasteAndEnter(value: string): void {
      textarea().value = value;
      textarea().dispatchEvent(new Event('input'));
      textarea().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    }

    it('clears the field and leaves Send disabled', async () => {
      pasteAndEnter('quick');
      await fixture.whenStable();
      expect(sent).toEqual(['quick']);
      expect(textarea().value).toBe('');
      expect(sendButton().disabled).toBe(true);
    });

    it('sends only the new text next, not the old one again', async () => {
      pasteAndEnter('quick');
      await fixture.whenStable();
      await type(`${textarea().value}y`); // one more character, after whatever the field still shows
      await press({});
      expect(sent).toEqual(['quick', 'y']);
    });

    it('clears the field after each of several messages in quick succession', async () => {
      for (const text of ['one', 'two', 'three']) {
        pasteAndEnter(text);
        await fixture.whenStable();
        expect(textarea().value).toBe('');
      }
      expect(sent).toEqual(['one', 'two', 'three']);
    });
  });

  it('says typing on input with text, not for whitespace', async () => {
    await type('h');
    await type('he');
    await type('   ');
    expect(typing).toBe(2);
  });

  describe('length counter', () => {
    it('is hidden far from the limit', async () => {
      await type('a'.repeat(3799));
      expect(counter()).toBeNull();
    });

    it('appears 200 code points before the 4000 limit', async () => {
      await type('a'.repeat(3800));
      expect(counter()?.textContent?.trim()).toBe('200');
      expect(counter()?.classList.contains('over')).toBe(false);
      await type('a'.repeat(4000));
      expect(counter()?.textContent?.trim()).toBe('0');
      expect(sendButton().disabled).toBe(false);
    });

    it('goes negative past the limit, and the text cannot be sent', async () => {
      await type('a'.repeat(4001));
      expect(counter()?.textContent?.trim()).toBe('-1');
      expect(counter()?.classList.contains('over')).toBe(true);
      expect(sendButton().disabled).toBe(true);
      await press({});
      expect(sent).toEqual([]);
      expect(textarea().value).toHaveLength(4001); // kept, to be shortened
    });

    it('counts code points, not UTF-16 units (an emoji is one)', async () => {
      await type('😀'.repeat(2100)); // 4200 UTF-16 units
      expect(counter()).toBeNull();
      expect(sendButton().disabled).toBe(false);
      await type('😀'.repeat(4000));
      expect(counter()?.textContent?.trim()).toBe('0');
      await press({});
      expect(sent).toEqual(['😀'.repeat(4000)]);
    });

    it('does not count surrounding whitespace', async () => {
      await type(`   ${'a'.repeat(4000)}   `);
      expect(counter()?.textContent?.trim()).toBe('0');
      expect(sendButton().disabled).toBe(false);
    });
  });

  describe('replies and edits', () => {
    let acts: MessageAction[];
    beforeEach(() => {
      acts = [];
      fixture.componentInstance.act.subscribe((action) => acts.push(action));
    });

    it('the Up arrow in an empty field asks to edit my last message', async () => {
      const up = await press({ key: 'ArrowUp' });
      expect(acts).toEqual([{ kind: 'edit-last' }]);
      expect(up.defaultPrevented).toBe(true);
      await type('draft');
      const again = await press({ key: 'ArrowUp' });
      expect(acts).toHaveLength(1); // with text it moves the caret, as usual
      expect(again.defaultPrevented).toBe(false);
    });

    it('shows what my message answers, takes the focus, and cancels with the button or Escape', async () => {
      fixture.componentRef.setInput('replyingTo', { ...msg(2, bob), text: 'the original' });
      await fixture.whenStable();
      const bar = fixture.nativeElement.querySelector('.replying') as HTMLElement;
      expect(bar.textContent).toContain('Replying to bob');
      expect(bar.textContent).toContain('the original');
      expect(document.activeElement).toBe(textarea());
      (bar.querySelector('button[aria-label="Cancel reply"]') as HTMLButtonElement).click();
      await press({ key: 'Escape' });
      expect(acts).toEqual([{ kind: 'cancel-reply' }, { kind: 'cancel-reply' }]);
    });

    it('says when the message it answers was deleted', async () => {
      fixture.componentRef.setInput('replyingTo', { ...msg(2, bob), text: '', deleted: true });
      await fixture.whenStable();
      expect(fixture.nativeElement.querySelector('.replying').textContent).toContain('Message deleted');
    });

    it('takes the focus back when an edit ends', async () => {
      fixture.componentRef.setInput('editing', true);
      await fixture.whenStable();
      (document.activeElement as HTMLElement | null)?.blur();
      fixture.componentRef.setInput('editing', false);
      await fixture.whenStable();
      expect(document.activeElement).toBe(textarea());
    });
  });

  describe('mentions', () => {
    const members = [
      { id: 'u-me', displayName: 'Me', online: true },
      { id: 'u-ben', displayName: 'Ben Ortiz', online: true },
      { id: 'u-bea', displayName: 'Bea', online: false },
      { id: 'u-ana', displayName: 'Ana', online: true },
    ];
    const options = () => [...fixture.nativeElement.querySelectorAll('[role="option"]')].map((o) => (o as HTMLElement).textContent?.trim());
    const selected = () => (fixture.nativeElement.querySelector('[role="option"][aria-selected="true"]') as HTMLElement | null)?.textContent?.trim();

    beforeEach(async () => {
      fixture.componentRef.setInput('members', members);
      fixture.componentRef.setInput('myId', 'u-me');
      await fixture.whenStable();
    });

    it('offers the members but me after @, filtered by what follows', async () => {
      await type('hi @');
      expect(options()).toEqual(['Ana', 'Bea', 'Ben Ortiz']);
      expect(textarea().getAttribute('aria-activedescendant')).toBe('mention-option-0');
      await type('hi @be');
      expect(options()).toEqual(['Bea', 'Ben Ortiz']);
      await type('hi @bex');
      expect(options()).toEqual([]);
    });

    it('moves with the arrows, picks with Enter, shows @name and sends the token', async () => {
      await type('hi @be');
      await press({ key: 'ArrowDown' });
      expect(selected()).toBe('Ben Ortiz');
      const enter = await press({ key: 'Enter' });
      expect(enter.defaultPrevented).toBe(true);
      expect(sent).toEqual([]); // Enter picked, it did not send
      expect(textarea().value).toBe('hi @Ben Ortiz ');
      expect(options()).toEqual([]);
      await type('hi @Ben Ortiz how are you?');
      await press({});
      expect(sent).toEqual(['hi <@u-ben> how are you?']);
    });

    it('picks with Tab, wraps around with the arrows, closes with Escape', async () => {
      await type('@');
      await press({ key: 'ArrowUp' });
      expect(selected()).toBe('Ben Ortiz');
      await press({ key: 'ArrowDown' });
      expect(selected()).toBe('Ana');
      await press({ key: 'Tab' });
      expect(textarea().value).toBe('@Ana ');
      const acted: MessageAction[] = [];
      fixture.componentInstance.act.subscribe((action) => acted.push(action));
      fixture.componentRef.setInput('replyingTo', msg(2, bob));
      await type('@Ana and @b');
      const escape = await press({ key: 'Escape' });
      expect(escape.defaultPrevented).toBe(true);
      expect(options()).toEqual([]);
      expect(acted).toEqual([]); // Escape closed the list; the reply stays
    });

    it('counts the length of what is sent', async () => {
      fixture.componentRef.setInput('members', [{ id: 'x'.repeat(300), displayName: 'Ana', online: true }]);
      await type('@');
      await press({ key: 'Enter' });
      await type(`@Ana ${'a'.repeat(3500)}`);
      expect(counter()?.textContent?.trim()).toBe(String(4000 - 3500 - 1 - 303));
    });
  });
});
