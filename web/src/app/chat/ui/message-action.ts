/**
 * What a person does to messages, as the message list, the pane and the
 * composer report it to the chat page (one output instead of one each).
 */
export type MessageAction =
  | { kind: 'reply' | 'edit' | 'delete'; seq: number }
  /** The original of a quote is not loaded: load older history until `seq` is in. */
  | { kind: 'find'; seq: number }
  | { kind: 'save'; seq: number; text: string }
  | { kind: 'cancel-edit' | 'cancel-reply' | 'edit-last' };
