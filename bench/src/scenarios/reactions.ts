/**
 * Reactions riding the steady load: one operation in ten (`share`) is a
 * REST `PUT` or `DELETE /api/groups/:name/messages/:seq/reactions/:emoji`
 * on a recent message (see Reactor), instead of a send. Reports the steady
 * figures (deliveries count messages and `reaction` events) plus reaction
 * latency: the call issued → `reaction` received by the other members.
 */
import type { RunningServer } from '../launch';
import { Reactor } from '../reactor';
import type { ScenarioResult } from './scenario';
import { changeEvery, ChangesOptions, changeRows, describeChanges, runChanges } from './changes';

export function describeReactions(o: ChangesOptions): string {
  return describeChanges(
    o,
    'a reaction (PUT on the newest message seen, then DELETE of the oldest own reaction, over keep-alive agents)',
    'reactions',
  );
}

export function runReactions(server: RunningServer, o: ChangesOptions): Promise<ScenarioResult> {
  return runChanges(
    server,
    o,
    (fleet) => new Reactor(fleet, changeEvery(o)),
    (window) => changeRows('reaction', window.reactionDeliveriesPerSecond, window.reaction, 'PUT/DELETE', window.requests),
  );
}
