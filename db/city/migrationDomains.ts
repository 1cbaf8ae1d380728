/**
 * City migration 6 (issue 16 with issues 17 and 18): the projections of 接诉即办 requests,
 * activities, sign-ups, attendance and counter ratings (好差评), their ingest, and the dashboard's
 * views. Same rules as migration 1: every table carries center_id, row-level security lets a center
 * read and write only its own rows, projections move forward only by a newer seq, and the dashboard
 * role reads views only. The views count by the local month in each center's own time zone
 * (city.centers.time_zone, set by the center's pusher: migration 4).
 *
 * city.ingest is replaced with the same body plus one call, city.ingest_domains(me), which upserts
 * these projections from the same batch_rows temp table in the caller's transaction.
 */
/** The time zone of the row's center (qualified by the view's alias when it joins tables). */
const tzOf = (alias?: string) => `(SELECT zc.time_zone FROM city.centers zc WHERE zc.id = ${alias ? `${alias}.` : ''}center_id)`;
const month = (col: string) => `date_trunc('month', ${col} AT TIME ZONE ${tzOf(col.includes('.') ? col.split('.')[0] : undefined)})::date`;

export const domainTables = ['requests', 'activities', 'signups', 'attendance', 'ratings'];

/** An upsert of one projection from batch_rows, newest seq per row, guarded by seq. */
function upsert(table: string, entity: string, columns: Array<[string, string]>): string {
  const names = columns.map(([c]) => c);
  return `
  INSERT INTO city.${table} AS x (center_id, local_id, ${names.join(', ')}, deleted, seq)
    SELECT DISTINCT ON (entity_id) me, entity_id, ${columns.map(([, e]) => e).join(', ')}, op = 'delete', seq
    FROM batch_rows WHERE entity = '${entity}' ORDER BY entity_id, seq DESC
    ON CONFLICT (center_id, local_id) DO UPDATE SET ${names.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, deleted = EXCLUDED.deleted, seq = EXCLUDED.seq
    WHERE x.seq < EXCLUDED.seq;`;
}
const t = (k: string) => `(payload->>'${k}')::timestamptz`;
const txt = (k: string) => `payload->>'${k}'`;
const int = (k: string) => `(payload->>'${k}')::int`;
const big = (k: string) => `(payload->>'${k}')::bigint`;
const bool = (k: string) => `(payload->>'${k}')::int = 1`;

export function m006Domains(previousIngest: string): string {
  // Migration 5's ingest, unchanged, with the domains' upserts added before the snapshot markers are
  // read and the cursor moves; a full re-snapshot's marker also drops the domains' rows it no longer has.
  const marker = "  FOR snap IN SELECT seq, (payload->>'from')::bigint AS from_seq FROM batch_rows WHERE entity = 'snapshot' ORDER BY seq LOOP";
  const cleared = '    PERFORM city.resnapshot_flag(false);';
  if (!previousIngest.includes(marker) || !previousIngest.includes(cleared)) throw new Error('city migration 6: migration 5 ingest not found');
  const ingest = previousIngest
    .replace('CREATE FUNCTION city.ingest(', 'CREATE OR REPLACE FUNCTION city.ingest(')
    .replace(marker, `  PERFORM city.ingest_domains(me);\n\n${marker}`)
    .replace(
      cleared,
      `${domainTables.map((t) => `    UPDATE city.${t} SET deleted = true, seq = snap.seq WHERE center_id = me AND seq < snap.from_seq AND NOT deleted;`).join('\n')}\n${cleared}`,
    );
  return `
CREATE TABLE city.requests (
  center_id         integer NOT NULL REFERENCES city.centers(id),
  local_id          bigint NOT NULL,
  resident_local_id bigint,
  category          text,
  level             text,
  state             text,
  source            text,
  submitted_at      timestamptz,
  deadline_at       timestamptz,
  result_at         timestamptz,
  first_result_at   timestamptz,
  first_on_time     boolean,
  rating            integer,
  rated_at          timestamptz,
  closed_at         timestamptz,
  close_reason      text,
  erased            boolean,
  -- [[at, category, level], …]: at submission and at every change of category or level.
  history           jsonb,
  deleted           boolean NOT NULL DEFAULT false,
  seq               bigint NOT NULL,
  PRIMARY KEY (center_id, local_id)
);
CREATE TABLE city.activities (
  center_id  integer NOT NULL REFERENCES city.centers(id),
  local_id   bigint NOT NULL,
  type       text,
  starts_at  timestamptz,
  ends_at    timestamptz,
  capacity   integer,
  room       text,
  status     text,
  deleted    boolean NOT NULL DEFAULT false,
  seq        bigint NOT NULL,
  PRIMARY KEY (center_id, local_id)
);
CREATE TABLE city.signups (
  center_id         integer NOT NULL REFERENCES city.centers(id),
  local_id          bigint NOT NULL,
  activity_local_id bigint,
  resident_local_id bigint,
  status            text,
  source            text,
  created_at        timestamptz,
  confirmed_at      timestamptz,
  cancelled_at      timestamptz,
  deleted           boolean NOT NULL DEFAULT false,
  seq               bigint NOT NULL,
  PRIMARY KEY (center_id, local_id)
);
CREATE INDEX signups_activity ON city.signups(center_id, activity_local_id);
CREATE TABLE city.attendance (
  center_id         integer NOT NULL REFERENCES city.centers(id),
  local_id          bigint NOT NULL,
  activity_local_id bigint,
  resident_local_id bigint,
  signup_local_id   bigint,
  role              text,
  walk_in           boolean,
  checked_in_at     timestamptz,
  deleted           boolean NOT NULL DEFAULT false,
  seq               bigint NOT NULL,
  PRIMARY KEY (center_id, local_id)
);
CREATE INDEX attendance_activity ON city.attendance(center_id, activity_local_id);
CREATE TABLE city.ratings (
  center_id      integer NOT NULL REFERENCES city.centers(id),
  local_id       bigint NOT NULL,
  service        text,
  counter        integer,
  day            date,
  level          integer,
  rated_at       timestamptz,
  follow_up      text,
  followed_up_at timestamptz,
  deleted        boolean NOT NULL DEFAULT false,
  seq            bigint NOT NULL,
  PRIMARY KEY (center_id, local_id)
);

${domainTables
  .map(
    (x) => `ALTER TABLE city.${x} ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_center ON city.${x} TO houniao_ingest USING (center_id = city.my_center()) WITH CHECK (center_id = city.my_center());
GRANT SELECT, INSERT, UPDATE ON city.${x} TO houniao_ingest;`,
  )
  .join('\n')}

-- The domains' projections from the batch city.ingest has put in batch_rows (same transaction, RLS applies).
CREATE FUNCTION city.ingest_domains(me integer) RETURNS void LANGUAGE plpgsql SECURITY INVOKER SET search_path = city, pg_temp AS $$
BEGIN
${upsert('requests', 'request', [
  ['resident_local_id', big('resident_id')],
  ['category', txt('category')],
  ['level', txt('level')],
  ['state', txt('state')],
  ['source', txt('source')],
  ['submitted_at', t('submitted_at')],
  ['deadline_at', t('deadline_at')],
  ['result_at', t('result_at')],
  ['first_result_at', t('first_result_at')],
  ['first_on_time', bool('first_on_time')],
  ['rating', int('rating')],
  ['rated_at', t('rated_at')],
  ['closed_at', t('closed_at')],
  ['close_reason', txt('close_reason')],
  ['erased', bool('erased')],
  ['history', `payload->'history'`],
])}
${upsert('activities', 'activity', [
  ['type', txt('type')],
  ['starts_at', t('starts_at')],
  ['ends_at', t('ends_at')],
  ['capacity', int('capacity')],
  ['room', txt('room')],
  ['status', txt('status')],
])}
${upsert('signups', 'signup', [
  ['activity_local_id', big('activity_id')],
  ['resident_local_id', big('resident_id')],
  ['status', txt('status')],
  ['source', txt('source')],
  ['created_at', t('created_at')],
  ['confirmed_at', t('confirmed_at')],
  ['cancelled_at', t('cancelled_at')],
])}
${upsert('attendance', 'attendance', [
  ['activity_local_id', big('activity_id')],
  ['resident_local_id', big('resident_id')],
  ['signup_local_id', big('signup_id')],
  ['role', txt('role')],
  ['walk_in', bool('walk_in')],
  ['checked_in_at', t('checked_in_at')],
])}
${upsert('ratings', 'rating', [
  ['service', txt('service')],
  ['counter', int('counter')],
  ['day', `(payload->>'day')::date`],
  ['level', int('level')],
  ['rated_at', t('rated_at')],
  ['follow_up', txt('follow_up')],
  ['followed_up_at', t('followed_up_at')],
])}
END $$;
REVOKE ALL ON FUNCTION city.ingest_domains(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION city.ingest_domains(integer) TO houniao_ingest;

${ingest}

-- A center on a newer app may have pushed these entities before the hub had this migration: their
-- events are in city.events already; build the projections from them.
DO $$
DECLARE c integer;
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS batch_rows (seq bigint, entity text, entity_id bigint, op text, payload jsonb) ON COMMIT DROP;
  FOR c IN SELECT DISTINCT center_id FROM city.events WHERE entity IN ('request', 'activity', 'signup', 'attendance', 'rating') LOOP
    TRUNCATE batch_rows;
    INSERT INTO batch_rows SELECT seq, entity, entity_id, op, payload FROM city.events
      WHERE center_id = c AND entity IN ('request', 'activity', 'signup', 'attendance', 'rating');
    PERFORM city.ingest_domains(c);
  END LOOP;
END $$;

-- Dashboard views, by local month. No row names a person or a request: counts, and for medians the
-- hours of each close with its category only.
-- A month's requests by the category and level they had at the month's end (a transfer or an
-- escalation counts where the case ended up), like the center's report.
CREATE VIEW city.v_requests_month AS
  SELECT r.center_id, ${month('r.submitted_at')} AS month,
    CASE WHEN h.category IS NULL THEN r.category ELSE h.category END AS category,
    coalesce(CASE WHEN h.category IS NULL THEN r.level ELSE h.level END, 'none') AS level,
    count(*)::int AS requests, count(DISTINCT r.resident_local_id)::int AS requesters
  FROM city.requests r
  LEFT JOIN LATERAL (SELECT e->>1 AS category, e->>2 AS level FROM jsonb_array_elements(coalesce(r.history, '[]')) WITH ORDINALITY x(e, i)
    WHERE (e->>0)::timestamptz < (date_trunc('month', r.submitted_at AT TIME ZONE ${tzOf('r')}) + interval '1 month') AT TIME ZONE ${tzOf('r')}
    ORDER BY i DESC LIMIT 1) h ON true
  WHERE NOT r.deleted AND r.submitted_at IS NOT NULL GROUP BY 1, 2, 3, 4;
CREATE VIEW city.v_requesters_month AS
  SELECT center_id, ${month('submitted_at')} AS month, count(DISTINCT resident_local_id)::int AS requesters
  FROM city.requests WHERE NOT deleted AND submitted_at IS NOT NULL GROUP BY 1, 2;
CREATE VIEW city.v_request_results_month AS
  SELECT center_id, ${month('first_result_at')} AS month, category, count(*)::int AS results, count(*) FILTER (WHERE first_on_time)::int AS on_time
  FROM city.requests WHERE NOT deleted AND first_result_at IS NOT NULL GROUP BY 1, 2, 3;
CREATE VIEW city.v_request_closes AS
  SELECT center_id, ${month('closed_at')} AS month, category, extract(epoch FROM closed_at - submitted_at) / 3600 AS hours
  FROM city.requests WHERE NOT deleted AND closed_at IS NOT NULL AND state = 'closed';
CREATE VIEW city.v_request_ratings_month AS
  SELECT center_id, ${month('rated_at')} AS month, category, rating, count(*)::int AS ratings
  FROM city.requests WHERE NOT deleted AND rated_at IS NOT NULL AND rating IS NOT NULL GROUP BY 1, 2, 3, 4;
-- Activities held, as the center counts them: not cancelled and started in the month (and by now); one under way
-- counts with its figures so far, its no-shows only once it is over.
CREATE VIEW city.v_activities_month AS
  SELECT a.center_id, ${month('a.starts_at')} AS month, a.type, count(*)::int AS activities,
    sum(s.confirmed)::int AS confirmed, sum(s.waitlisted)::int AS waitlisted, sum(t.attended)::int AS attended,
    sum(t.volunteers)::int AS volunteers, sum(n.no_shows)::int AS no_shows
  FROM city.activities a
  CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE status = 'confirmed') AS confirmed, count(*) FILTER (WHERE status = 'waitlisted') AS waitlisted
    FROM city.signups WHERE center_id = a.center_id AND activity_local_id = a.local_id AND NOT deleted) s
  CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE role = 'participant') AS attended, count(*) FILTER (WHERE role = 'volunteer') AS volunteers
    FROM city.attendance WHERE center_id = a.center_id AND activity_local_id = a.local_id AND NOT deleted) t
  CROSS JOIN LATERAL (SELECT count(*) AS no_shows FROM city.signups x WHERE a.ends_at <= now() AND x.center_id = a.center_id AND x.activity_local_id = a.local_id AND NOT x.deleted
    AND x.status = 'confirmed' AND NOT EXISTS (SELECT 1 FROM city.attendance y WHERE y.center_id = x.center_id AND y.activity_local_id = x.activity_local_id
      AND y.resident_local_id = x.resident_local_id AND NOT y.deleted)) n
  WHERE NOT a.deleted AND a.status = 'open'
    AND a.starts_at < least(now(), (date_trunc('month', a.starts_at AT TIME ZONE ${tzOf('a')}) + interval '1 month') AT TIME ZONE ${tzOf('a')})
  GROUP BY 1, 2, 3;
-- Different people who took part (checked in as participant or volunteer) in activities held in the month.
CREATE VIEW city.v_activity_people_month AS
  SELECT a.center_id, ${month('a.starts_at')} AS month, count(DISTINCT t.resident_local_id)::int AS participants
  FROM city.activities a JOIN city.attendance t ON t.center_id = a.center_id AND t.activity_local_id = a.local_id AND NOT t.deleted
  WHERE NOT a.deleted AND a.status = 'open'
    AND a.starts_at < least(now(), (date_trunc('month', a.starts_at AT TIME ZONE ${tzOf('a')}) + interval '1 month') AT TIME ZONE ${tzOf('a')})
  GROUP BY 1, 2;
-- Counter ratings (好差评) by the local day of the ticket they rate, like the center's own figures.
CREATE VIEW city.v_counter_ratings_month AS
  SELECT center_id, date_trunc('month', day)::date AS month, service, count(*)::int AS ratings, count(*) FILTER (WHERE level >= 3)::int AS satisfied
  FROM city.ratings WHERE NOT deleted AND day IS NOT NULL GROUP BY 1, 2, 3;
GRANT SELECT ON city.v_requests_month, city.v_requesters_month, city.v_request_results_month, city.v_request_closes, city.v_request_ratings_month,
  city.v_activities_month, city.v_activity_people_month, city.v_counter_ratings_month TO houniao_dashboard;
`;
}
