import { isSearchShortcut } from './search-shortcut';

describe(isSearchShortcut.name, () => {
  afterEach(() => (document.body.innerHTML = ''));

  /** A key pressed with the focus on `target`, as the document sees it. */
  function press(target: Element, key: string, init: KeyboardEventInit = {}): boolean {
    let result = false;
    const listener = (event: KeyboardEvent) => (result = isSearchShortcut(event));
    document.addEventListener('keydown', listener);
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
    document.removeEventListener('keydown', listener);
    return result;
  }

  function element<K extends keyof HTMLElementTagNameMap>(tag: K, setUp: (element: HTMLElementTagNameMap[K]) => void = () => undefined) {
    const created = document.createElement(tag);
    setUp(created);
    document.body.append(created);
    return created;
  }

  it('is Ctrl+K or ⌘K anywhere, even in the message box (it types nothing)', () => {
    expect(press(document.body, 'k', { ctrlKey: true })).toBe(true);
    expect(press(document.body, 'K', { metaKey: true })).toBe(true);
    expect(press(element('textarea'), 'k', { ctrlKey: true })).toBe(true);
  });

  it('is / only where it would not be typed', () => {
    expect(press(document.body, '/')).toBe(true);
    expect(press(element('button'), '/')).toBe(true);
    expect(press(element('input', (input) => (input.type = 'checkbox')), '/')).toBe(true);
    expect(press(element('textarea'), '/')).toBe(false);
    expect(press(element('input'), '/')).toBe(false);
    expect(press(element('input', (input) => (input.type = 'search')), '/')).toBe(false);
    expect(press(element('select'), '/')).toBe(false);
  });

  it('is nothing else: other keys, other modifiers, a key already handled, an IME composing', () => {
    expect(press(document.body, 'k')).toBe(false);
    expect(press(document.body, 'k', { ctrlKey: true, shiftKey: true })).toBe(false);
    expect(press(document.body, 'k', { ctrlKey: true, altKey: true })).toBe(false);
    expect(press(document.body, '/', { ctrlKey: true })).toBe(false);
    expect(press(document.body, '/', { isComposing: true })).toBe(false);
    const handled = element('div');
    handled.addEventListener('keydown', (event) => event.preventDefault());
    expect(press(handled, 'k', { ctrlKey: true })).toBe(false);
  });

  it('leaves the keyboard to a dialog or menu (the CDK overlay)', () => {
    const overlay = element('div', (div) => (div.className = 'cdk-overlay-container'));
    const inDialog = document.createElement('button');
    overlay.append(inDialog);
    expect(press(inDialog, 'k', { ctrlKey: true })).toBe(false);
    expect(press(inDialog, '/')).toBe(false);
  });
});
