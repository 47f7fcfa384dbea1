/**
 * Edits riding the steady load: one operation in ten (`share`) is a PATCH
 * of the sender's newest message it has seen echoed, instead of a send.
 * Reports the steady figures (deliveries count messages and edits) plus edit
 * latency: PATCH issued → `edit` received by the other members.
 */
import { Editor } from '../editor';
import type { RunningServer } from '../launch';
import type { ScenarioResult } from './scenario';
import { changeEvery, ChangesOptions, changeRows, describeChanges, runChanges } from './changes';

export function describeEdits(o: ChangesOptions): string {
  return describeChanges(o, "an edit (PATCH over keep-alive agents) of the sender's newest message", 'edits');
}

export function runEdits(server: RunningServer, o: ChangesOptions): Promise<ScenarioResult> {
  return runChanges(
    server,
    o,
    (fleet) => new Editor(fleet, changeEvery(o)),
    (window) => changeRows('edit', window.editDeliveriesPerSecond, window.edit, 'PATCH', window.requests),
  );
}
