/**
 * Whether a key press asks for the search box: Ctrl+K (⌘K on a Mac)
 * anywhere, since it types nothing, and `/` when it would not be typed
 * into something. Never while a dialog or a menu has the keyboard (they
 * live in the CDK overlay), nor mid-composition of an IME.
 */
export function isSearchShortcut(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.isComposing || event.altKey) return false;
  // The element that really has the focus, inside a web component's shadow root too (the emoji picker's search).
  const target = (event.composedPath?.()[0] ?? event.target) as Element | null;
  if (target instanceof Element && target.closest('.cdk-overlay-container')) return false;
  if (event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.shiftKey) return true;
  return event.key === '/' && !event.ctrlKey && !event.metaKey && !isTypingInto(target);
}

/** Whether keys typed at this element become text. */
function isTypingInto(target: Element | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NOT_TEXT.has(target.type);
}

/** Inputs that take no typed text. */
const NOT_TEXT = new Set(['button', 'checkbox', 'color', 'file', 'hidden', 'image', 'radio', 'range', 'reset', 'submit']);
