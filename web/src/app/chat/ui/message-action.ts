import type { User } from '@chat/protocol';

/**
 * What a person does to messages, as the message list, the pane and the
 * composer report it to the chat page (one output instead of one each).
 */
/** The message being edited in place, and whether its new text is being saved. */
export interface Editing {
  seq: number;
  saving: boolean;
}

export type MessageAction =
  | { kind: 'reply' | 'edit' | 'delete'; seq: number }
  /** The original of a quote is not loaded: load older history until `seq` is in. */
  | { kind: 'find'; seq: number }
  | { kind: 'save'; seq: number; text: string }
  /** Add (`add`) or take back my reaction. */
  | { kind: 'react'; seq: number; emoji: string; add: boolean }
  /** Someone looks at the reactions: who reacted is wanted. */
  | { kind: 'who-reacted'; seq: number }
  /** Write to this sender alone: open (or create) the dm with them. */
  | { kind: 'dm'; user: User }
  /** One of mine that the server refused: send it again, or drop it. */
  | { kind: 'retry' | 'discard'; clientMsgId: string }
  | { kind: 'cancel-edit' | 'cancel-reply' | 'edit-last' };
