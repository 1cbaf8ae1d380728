/**
 * City sync for the domains that came after the outbox (issue 16 with issues 17 and 18): 接诉即办
 * requests, activities, sign-ups, attendance and the counter ratings (好差评) join the outbox.
 *
 * The outbox's CHECK on `entity` cannot be changed in place, so sync_outbox is rebuilt: its rows are
 * copied aside, the table is dropped and created again under the same name (no RENAME, so the
 * triggers of migration 11 that write into it stay valid) and sqlite_sequence gets its old value
 * back — a pruned top seq is still never handed out again.
 *
 * Same rule as migration 11: each payload is a whitelist of columns — never a name, phone, ID
 * number, address or free text (a request's description, answer, rating reason, an activity's
 * title or notes, a rating's typed reason). A resident is only the center's local id.
 *
 * A request's payload is written by a trigger on request_events (every change of a request writes
 * one event, after the row itself), so it can carry what the statistics read from the events: the
 * first result (not a 回访's) and whether it was on time, and `history`: [at, category, level] at
 * submission and at every change of category or level, so the city counts a month's requests by the
 * category and level they had at the month's end, like the center's report.
 */
const enabled = 'EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND enabled = 1)';

const requestSelect = (where: string) =>
  `SELECT 'request', q.id, 'upsert', json_object('resident_id', q.resident_id,
     'category', (SELECT c.name FROM request_categories c WHERE c.id = q.category_id), 'level', q.level, 'state', q.state, 'source', q.source,
     'submitted_at', q.submitted_at, 'deadline_at', q.deadline_at, 'result_at', q.result_at,
     'first_result_at', (SELECT e.at FROM request_events e WHERE e.request_id = q.id AND e.kind = 'resulted' AND json_extract(e.detail, '$.revisit') IS NULL ORDER BY e.id LIMIT 1),
     'first_on_time', (SELECT COALESCE(json_extract(e.detail, '$.onTime'), 0) FROM request_events e WHERE e.request_id = q.id AND e.kind = 'resulted' AND json_extract(e.detail, '$.revisit') IS NULL ORDER BY e.id LIMIT 1),
     'history', json((SELECT json_group_array(json_array(h.at, (SELECT c.name FROM request_categories c WHERE c.id = h.category_id), h.level))
        FROM (SELECT e.at, e.category_id, e.level, LAG(e.category_id) OVER (ORDER BY e.id) AS pc, LAG(e.level) OVER (ORDER BY e.id) AS pl,
                ROW_NUMBER() OVER (ORDER BY e.id) AS n FROM request_events e WHERE e.request_id = q.id) h
        WHERE h.n = 1 OR h.pc <> h.category_id OR h.pl IS NOT h.level)),
     'rating', q.rating, 'rated_at', q.rated_at, 'closed_at', q.closed_at, 'close_reason', q.close_reason, 'erased', q.erased_at IS NOT NULL)
   FROM requests q WHERE ${where}`;

const activityPayload = (a: string) =>
  `json_object('type', ${a}.type, 'starts_at', ${a}.starts_at, 'ends_at', ${a}.ends_at, 'capacity', ${a}.capacity,` +
  ` 'room', COALESCE((SELECT r.name FROM activity_rooms r WHERE r.id = ${a}.room_id), 'outside'), 'status', ${a}.status)`;
const signupPayload = (s: string) =>
  `json_object('activity_id', ${s}.activity_id, 'resident_id', ${s}.resident_id, 'status', ${s}.status, 'source', ${s}.source,` +
  ` 'created_at', ${s}.created_at, 'confirmed_at', ${s}.confirmed_at, 'cancelled_at', ${s}.cancelled_at)`;
const attendancePayload = (t: string) =>
  `json_object('activity_id', ${t}.activity_id, 'resident_id', ${t}.resident_id, 'signup_id', ${t}.signup_id, 'role', ${t}.role,` +
  ` 'walk_in', ${t}.walk_in, 'checked_in_at', ${t}.checked_in_at)`;
const ratingPayload = (r: string) =>
  `json_object('service', (SELECT s.name FROM queue_services s WHERE s.id = ${r}.service_id), 'counter', (SELECT c.number FROM queue_counters c WHERE c.id = ${r}.counter_id),` +
  ` 'day', (SELECT t.day FROM queue_tickets t WHERE t.id = ${r}.ticket_id), 'level', ${r}.level, 'rated_at', ${r}.rated_at, 'follow_up', ${r}.follow_up, 'followed_up_at', ${r}.followed_up_at)`;

function triggers(table: string, entity: string, payload: (row: string) => string, updateOf: string): string {
  return `
CREATE TRIGGER sync_${table}_insert AFTER INSERT ON ${table} WHEN ${enabled}
BEGIN
  INSERT INTO sync_outbox (entity, entity_id, op, payload) VALUES ('${entity}', NEW.id, 'upsert', ${payload('NEW')});
END;
CREATE TRIGGER sync_${table}_update AFTER UPDATE OF ${updateOf} ON ${table} WHEN ${enabled}
BEGIN
  INSERT INTO sync_outbox (entity, entity_id, op, payload) VALUES ('${entity}', NEW.id, 'upsert', ${payload('NEW')});
END;
CREATE TRIGGER sync_${table}_delete AFTER DELETE ON ${table} WHEN ${enabled}
BEGIN
  INSERT INTO sync_outbox (entity, entity_id, op, payload) VALUES ('${entity}', OLD.id, 'delete', '{}');
END;`;
}

export default `
CREATE TEMP TABLE sync_outbox_copy AS SELECT * FROM sync_outbox;
CREATE TEMP TABLE sync_outbox_seq AS SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox';
DROP TABLE sync_outbox;
CREATE TABLE sync_outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  entity     TEXT NOT NULL CHECK (entity IN ('resident', 'stay', 'loan', 'ticket', 'request', 'activity', 'signup', 'attendance', 'rating', 'snapshot')),
  entity_id  INTEGER NOT NULL,
  op         TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  payload    TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  confirmed_at TEXT
);
INSERT INTO sync_outbox (seq, entity, entity_id, op, payload, created_at, confirmed_at)
  SELECT seq, entity, entity_id, op, payload, created_at, confirmed_at FROM temp.sync_outbox_copy ORDER BY seq;
DELETE FROM sqlite_sequence WHERE name = 'sync_outbox';
INSERT INTO sqlite_sequence (name, seq) SELECT 'sync_outbox', seq FROM temp.sync_outbox_seq;
DROP TABLE temp.sync_outbox_copy;
DROP TABLE temp.sync_outbox_seq;
CREATE INDEX sync_outbox_confirmed ON sync_outbox(confirmed_at) WHERE confirmed_at IS NOT NULL;

CREATE TRIGGER sync_request_events_insert AFTER INSERT ON request_events WHEN ${enabled}
BEGIN
  INSERT INTO sync_outbox (entity, entity_id, op, payload) ${requestSelect('q.id = NEW.request_id')};
END;
-- Erasure detaches a request from the person without an event.
CREATE TRIGGER sync_requests_update AFTER UPDATE OF resident_id, erased_at ON requests WHEN ${enabled}
BEGIN
  INSERT INTO sync_outbox (entity, entity_id, op, payload) ${requestSelect('q.id = NEW.id')};
END;
CREATE TRIGGER sync_requests_delete AFTER DELETE ON requests WHEN ${enabled}
BEGIN
  INSERT INTO sync_outbox (entity, entity_id, op, payload) VALUES ('request', OLD.id, 'delete', '{}');
END;
${triggers('activities', 'activity', activityPayload, 'type, room_id, starts_at, ends_at, capacity, status')}
${triggers('activity_signups', 'signup', signupPayload, 'activity_id, resident_id, status, confirmed_at, cancelled_at')}
${triggers('activity_attendance', 'attendance', attendancePayload, 'activity_id, resident_id, signup_id, role, walk_in, checked_in_at')}
${triggers('service_ratings', 'rating', ratingPayload, 'level, follow_up, followed_up_at')}
`;

/** The snapshot of these domains' existing rows, queued at enrolment after migration 11's. */
export const domainsSnapshotSql = `
INSERT INTO sync_outbox (entity, entity_id, op, payload) ${requestSelect('1')} ORDER BY q.id;
INSERT INTO sync_outbox (entity, entity_id, op, payload) SELECT 'activity', a.id, 'upsert', ${activityPayload('a')} FROM activities a ORDER BY a.id;
INSERT INTO sync_outbox (entity, entity_id, op, payload) SELECT 'signup', s.id, 'upsert', ${signupPayload('s')} FROM activity_signups s ORDER BY s.id;
INSERT INTO sync_outbox (entity, entity_id, op, payload) SELECT 'attendance', t.id, 'upsert', ${attendancePayload('t')} FROM activity_attendance t ORDER BY t.id;
INSERT INTO sync_outbox (entity, entity_id, op, payload) SELECT 'rating', r.id, 'upsert', ${ratingPayload('r')} FROM service_ratings r ORDER BY r.id;
`;
