/**
 * Whether a logged change is an act of its own, as SQL over an audit row or event `alias` (with
 * `entity_type` and `verb`). A record that only moves with its meeting's current item (the
 * attendance, whose `currentItemQuorum` is the current item's) is logged in the same commit with
 * the meeting's verb, `current-item-changed`: relayed and caught up like any change, so every
 * screen follows, but the meeting's own change is the one line the activity and the home show.
 */
export function ownActSql(alias: string): string {
  return `NOT (${alias}.verb = 'current-item-changed' AND ${alias}.entity_type <> 'meeting')`;
}
