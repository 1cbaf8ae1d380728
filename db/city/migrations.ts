/**
 * The city's PostgreSQL schema, numbered like the centers' SQLite migrations: applied in order by
 * `applyCityMigrations` (db/city/migrate.ts), each in its own transaction, recorded in
 * city.schema_migrations. A migration is never edited once released: add the next number.
 *
 * Roles:
 * - houniao_ingest: the group of every center's own login role (center_<id>). Row-level security lets
 *   a center read and write only rows with its own center_id; it reaches the city only through
 *   city.ingest() and city.recognise().
 * - houniao_dashboard: the hub's reading role; SELECT on the views only.
 * A server-only secret (city.secrets, readable by no ingest or dashboard role) re-keys every resident
 * key, so the city database alone cannot be matched against a list of ID numbers or phones.
 */
import { m006Domains } from './migrationDomains.js';

export interface CityMigration {
  version: number;
  name: string;
  sql: string;
}

const projectionTables = ['residents', 'stays', 'loans', 'tickets'];

const m001 = `
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE SCHEMA IF NOT EXISTS city;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'houniao_ingest') THEN CREATE ROLE houniao_ingest NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'houniao_dashboard') THEN CREATE ROLE houniao_dashboard NOLOGIN; END IF;
END $$;
REVOKE ALL ON SCHEMA city FROM PUBLIC;
GRANT USAGE ON SCHEMA city TO houniao_ingest, houniao_dashboard;

CREATE TABLE city.secrets (name text PRIMARY KEY, value bytea NOT NULL);
INSERT INTO city.secrets VALUES ('rekey', gen_random_bytes(32)), ('city_key', gen_random_bytes(32));

CREATE TABLE city.centers (
  id           serial PRIMARY KEY,
  name         text NOT NULL,
  role_name    text NOT NULL UNIQUE,
  enrolled_at  timestamptz NOT NULL DEFAULT now(),
  last_push_at timestamptz
);
CREATE TABLE city.enrolment_codes (
  code_hash   text PRIMARY KEY,
  center_name text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  center_id   integer REFERENCES city.centers(id)
);
CREATE TABLE city.cursors (
  center_id  integer PRIMARY KEY REFERENCES city.centers(id),
  last_seq   bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE city.events (
  center_id   integer NOT NULL REFERENCES city.centers(id),
  seq         bigint NOT NULL,
  entity      text NOT NULL,
  entity_id   bigint NOT NULL,
  op          text NOT NULL,
  payload     jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (center_id, seq)
);
CREATE TABLE city.residents (
  center_id       integer NOT NULL REFERENCES city.centers(id),
  local_id        bigint NOT NULL,
  person_key      text,
  birth_year      integer,
  sex             text,
  origin_province text,
  origin_city     text,
  lodging_kind    text,
  party_member    boolean,
  needs           jsonb,
  status          text,
  registered_at   timestamptz,
  deleted         boolean NOT NULL DEFAULT false,
  seq             bigint NOT NULL,
  PRIMARY KEY (center_id, local_id)
);
CREATE INDEX residents_person ON city.residents(person_key) WHERE person_key IS NOT NULL;
CREATE TABLE city.stays (
  center_id         integer NOT NULL REFERENCES city.centers(id),
  local_id          bigint NOT NULL,
  resident_local_id bigint,
  arrived_at        timestamptz,
  planned_departure date,
  departed_at       timestamptz,
  deleted           boolean NOT NULL DEFAULT false,
  seq               bigint NOT NULL,
  PRIMARY KEY (center_id, local_id)
);
CREATE TABLE city.loans (
  center_id         integer NOT NULL REFERENCES city.centers(id),
  local_id          bigint NOT NULL,
  resident_local_id bigint,
  category          text,
  out_at            timestamptz,
  due_at            timestamptz,
  returned_at       timestamptz,
  condition         text,
  deposit_fen       bigint,
  refund_fen        bigint,
  kept_fen          bigint,
  deleted           boolean NOT NULL DEFAULT false,
  seq               bigint NOT NULL,
  PRIMARY KEY (center_id, local_id)
);
CREATE TABLE city.tickets (
  center_id   integer NOT NULL REFERENCES city.centers(id),
  local_id    bigint NOT NULL,
  service     text,
  day         date,
  status      text,
  priority    integer,
  issued_at   timestamptz,
  called_at   timestamptz,
  finished_at timestamptz,
  counter     integer,
  deleted     boolean NOT NULL DEFAULT false,
  seq         bigint NOT NULL,
  PRIMARY KEY (center_id, local_id)
);

-- The calling center: its login role is center_<id>.
CREATE FUNCTION city.my_center() RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER SET search_path = city, pg_temp AS $$
  SELECT id FROM city.centers WHERE role_name = session_user
$$;
CREATE FUNCTION city.rekey(resident_key text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = city, public, pg_temp AS $$
  SELECT CASE WHEN resident_key IS NULL THEN NULL
    ELSE encode(hmac(convert_to(resident_key, 'UTF8'), (SELECT value FROM city.secrets WHERE name = 'rekey'), 'sha256'), 'hex') END
$$;
REVOKE ALL ON FUNCTION city.my_center(), city.rekey(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION city.my_center(), city.rekey(text) TO houniao_ingest;

${['cursors', 'events', ...projectionTables]
  .map(
    (t) => `ALTER TABLE city.${t} ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_center ON city.${t} TO houniao_ingest USING (center_id = city.my_center()) WITH CHECK (center_id = city.my_center());
GRANT SELECT, INSERT, UPDATE ON city.${t} TO houniao_ingest;`,
  )
  .join('\n')}

-- One batch of a center's outbox, in the caller's transaction: events kept once each (a replay adds
-- nothing), projections moved forward only by a newer seq, the cursor advanced. Returns the cursor.
CREATE FUNCTION city.ingest(batch jsonb) RETURNS bigint LANGUAGE plpgsql SECURITY INVOKER SET search_path = city, pg_temp AS $$
DECLARE
  me integer := city.my_center();
  top bigint;
BEGIN
  IF me IS NULL THEN RAISE EXCEPTION 'not an enrolled center' USING ERRCODE = '42501'; END IF;
  CREATE TEMP TABLE IF NOT EXISTS batch_rows (seq bigint, entity text, entity_id bigint, op text, payload jsonb) ON COMMIT DROP;
  TRUNCATE batch_rows;
  INSERT INTO batch_rows SELECT * FROM jsonb_to_recordset(batch) AS b(seq bigint, entity text, entity_id bigint, op text, payload jsonb);

  INSERT INTO city.events (center_id, seq, entity, entity_id, op, payload)
    SELECT me, seq, entity, entity_id, op, payload FROM batch_rows ORDER BY seq
    ON CONFLICT (center_id, seq) DO NOTHING;

  INSERT INTO city.residents AS r (center_id, local_id, person_key, birth_year, sex, origin_province, origin_city, lodging_kind,
      party_member, needs, status, registered_at, deleted, seq)
    SELECT DISTINCT ON (entity_id) me, entity_id, city.rekey(payload->>'resident_key'), (payload->>'birth_year')::int, payload->>'sex',
      payload->>'origin_province', payload->>'origin_city', payload->>'lodging_kind', (payload->>'party_member')::int = 1,
      payload->'needs', payload->>'status', (payload->>'created_at')::timestamptz, op = 'delete', seq
    FROM batch_rows WHERE entity = 'resident' ORDER BY entity_id, seq DESC
    ON CONFLICT (center_id, local_id) DO UPDATE SET person_key = EXCLUDED.person_key, birth_year = EXCLUDED.birth_year, sex = EXCLUDED.sex,
      origin_province = EXCLUDED.origin_province, origin_city = EXCLUDED.origin_city, lodging_kind = EXCLUDED.lodging_kind,
      party_member = EXCLUDED.party_member, needs = EXCLUDED.needs, status = EXCLUDED.status, registered_at = EXCLUDED.registered_at,
      deleted = EXCLUDED.deleted, seq = EXCLUDED.seq
    WHERE r.seq < EXCLUDED.seq;

  INSERT INTO city.stays AS s (center_id, local_id, resident_local_id, arrived_at, planned_departure, departed_at, deleted, seq)
    SELECT DISTINCT ON (entity_id) me, entity_id, (payload->>'resident_id')::bigint, (payload->>'arrived_at')::timestamptz,
      (payload->>'planned_departure')::date, (payload->>'departed_at')::timestamptz, op = 'delete', seq
    FROM batch_rows WHERE entity = 'stay' ORDER BY entity_id, seq DESC
    ON CONFLICT (center_id, local_id) DO UPDATE SET resident_local_id = EXCLUDED.resident_local_id, arrived_at = EXCLUDED.arrived_at,
      planned_departure = EXCLUDED.planned_departure, departed_at = EXCLUDED.departed_at, deleted = EXCLUDED.deleted, seq = EXCLUDED.seq
    WHERE s.seq < EXCLUDED.seq;

  INSERT INTO city.loans AS l (center_id, local_id, resident_local_id, category, out_at, due_at, returned_at, condition, deposit_fen,
      refund_fen, kept_fen, deleted, seq)
    SELECT DISTINCT ON (entity_id) me, entity_id, (payload->>'resident_id')::bigint, payload->>'category', (payload->>'out_at')::timestamptz,
      (payload->>'due_at')::timestamptz, (payload->>'returned_at')::timestamptz, payload->>'condition', (payload->>'deposit_fen')::bigint,
      (payload->>'refund_fen')::bigint, (payload->>'kept_fen')::bigint, op = 'delete', seq
    FROM batch_rows WHERE entity = 'loan' ORDER BY entity_id, seq DESC
    ON CONFLICT (center_id, local_id) DO UPDATE SET resident_local_id = EXCLUDED.resident_local_id, category = EXCLUDED.category,
      out_at = EXCLUDED.out_at, due_at = EXCLUDED.due_at, returned_at = EXCLUDED.returned_at, condition = EXCLUDED.condition,
      deposit_fen = EXCLUDED.deposit_fen, refund_fen = EXCLUDED.refund_fen, kept_fen = EXCLUDED.kept_fen, deleted = EXCLUDED.deleted, seq = EXCLUDED.seq
    WHERE l.seq < EXCLUDED.seq;

  INSERT INTO city.tickets AS t (center_id, local_id, service, day, status, priority, issued_at, called_at, finished_at, counter, deleted, seq)
    SELECT DISTINCT ON (entity_id) me, entity_id, payload->>'service', (payload->>'day')::date, payload->>'status', (payload->>'priority')::int,
      (payload->>'issued_at')::timestamptz, (payload->>'called_at')::timestamptz, (payload->>'finished_at')::timestamptz,
      (payload->>'counter')::int, op = 'delete', seq
    FROM batch_rows WHERE entity = 'ticket' ORDER BY entity_id, seq DESC
    ON CONFLICT (center_id, local_id) DO UPDATE SET service = EXCLUDED.service, day = EXCLUDED.day, status = EXCLUDED.status,
      priority = EXCLUDED.priority, issued_at = EXCLUDED.issued_at, called_at = EXCLUDED.called_at, finished_at = EXCLUDED.finished_at,
      counter = EXCLUDED.counter, deleted = EXCLUDED.deleted, seq = EXCLUDED.seq
    WHERE t.seq < EXCLUDED.seq;

  SELECT max(seq) INTO top FROM batch_rows;
  INSERT INTO city.cursors AS c (center_id, last_seq, updated_at) VALUES (me, coalesce(top, 0), now())
    ON CONFLICT (center_id) DO UPDATE SET last_seq = greatest(c.last_seq, EXCLUDED.last_seq), updated_at = now();
  RETURN (SELECT last_seq FROM city.cursors WHERE center_id = me);
END $$;
REVOKE ALL ON FUNCTION city.ingest(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION city.ingest(jsonb) TO houniao_ingest;

-- Where the calling center's pusher resumes: the city's cursor, never its own memory.
CREATE FUNCTION city.cursor() RETURNS bigint LANGUAGE sql STABLE SECURITY INVOKER SET search_path = city, pg_temp AS $$
  SELECT coalesce((SELECT last_seq FROM city.cursors WHERE center_id = city.my_center()), 0)
$$;
GRANT EXECUTE ON FUNCTION city.cursor() TO houniao_ingest;

-- "本市其他站点曾登记（N 个季度）": how many seasons this person stayed at other centers. A season is
-- counted by the year its stay began in, shifted by half a year so a winter season (Oct–Apr) is one.
CREATE FUNCTION city.recognise(resident_key text) RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER SET search_path = city, pg_temp AS $$
  SELECT count(DISTINCT (r.center_id, extract(year FROM s.arrived_at - interval '6 months')))::int
  FROM city.residents r JOIN city.stays s ON s.center_id = r.center_id AND s.resident_local_id = r.local_id AND NOT s.deleted
  WHERE r.person_key = city.rekey(resident_key) AND NOT r.deleted AND r.center_id <> city.my_center()
$$;
REVOKE ALL ON FUNCTION city.recognise(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION city.recognise(text) TO houniao_ingest;
`;

/** Views the dashboard reads (per center; the hub sums across centers and masks small figures). */
const m002 = `
CREATE VIEW city.v_centers AS
  SELECT c.id AS center_id, c.name, c.enrolled_at, k.updated_at AS last_push_at, coalesce(k.last_seq, 0) AS last_seq
  FROM city.centers c LEFT JOIN city.cursors k ON k.center_id = c.id;
CREATE VIEW city.v_in_town AS
  SELECT s.center_id, count(DISTINCT s.resident_local_id)::int AS residents
  FROM city.stays s JOIN city.residents r ON r.center_id = s.center_id AND r.local_id = s.resident_local_id
  WHERE s.departed_at IS NULL AND NOT s.deleted AND NOT r.deleted AND r.status = 'active'
  GROUP BY s.center_id;
CREATE VIEW city.v_arrivals AS
  SELECT center_id, (arrived_at AT TIME ZONE 'Asia/Shanghai')::date AS day, count(*)::int AS arrivals
  FROM city.stays WHERE NOT deleted GROUP BY 1, 2;
CREATE VIEW city.v_provinces AS
  SELECT center_id, origin_province AS province, count(*)::int AS residents
  FROM city.residents WHERE NOT deleted AND status = 'active' AND origin_province IS NOT NULL GROUP BY 1, 2;
CREATE VIEW city.v_age_bands AS
  SELECT center_id,
    CASE WHEN birth_year IS NULL THEN '未知'
      WHEN extract(year FROM now())::int - birth_year < 55 THEN '55岁以下'
      WHEN extract(year FROM now())::int - birth_year >= 80 THEN '80岁以上'
      ELSE (((extract(year FROM now())::int - birth_year) / 5) * 5)::text || '–' || (((extract(year FROM now())::int - birth_year) / 5) * 5 + 4)::text
    END AS band,
    count(*)::int AS residents
  FROM city.residents WHERE NOT deleted AND status = 'active' GROUP BY 1, 2;
CREATE VIEW city.v_stay_lengths AS
  SELECT center_id,
    CASE WHEN departed_at - arrived_at < interval '7 days' THEN '不到1周'
      WHEN departed_at - arrived_at < interval '28 days' THEN '1–4周'
      WHEN departed_at - arrived_at < interval '91 days' THEN '1–3个月'
      WHEN departed_at - arrived_at < interval '182 days' THEN '3–6个月'
      ELSE '6个月以上' END AS bucket,
    count(*)::int AS stays
  FROM city.stays WHERE NOT deleted AND departed_at IS NOT NULL GROUP BY 1, 2;
CREATE VIEW city.v_loans AS
  SELECT center_id, count(*) FILTER (WHERE returned_at IS NULL)::int AS out,
    count(*) FILTER (WHERE returned_at IS NULL AND due_at < now())::int AS overdue
  FROM city.loans WHERE NOT deleted GROUP BY 1;
CREATE VIEW city.v_queue AS
  SELECT center_id, day, count(*)::int AS tickets,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM called_at - issued_at) / 60) AS wait_p50_min
  FROM city.tickets WHERE NOT deleted AND called_at IS NOT NULL GROUP BY 1, 2;
GRANT SELECT ON city.v_centers, city.v_in_town, city.v_arrivals, city.v_provinces, city.v_age_bands, city.v_stay_lengths, city.v_loans, city.v_queue
  TO houniao_dashboard;
`;

/** The hub reads the dashboard as houniao_dashboard (views only): its own login may switch to it. */
const m003 = `GRANT houniao_dashboard TO CURRENT_USER;`;

/**
 * Each center's own time zone (issue 16): a center's pusher reports the zone it counts days in
 * (setting queue.timezone, db/localTime.ts) at every round through city.set_time_zone, which may set
 * only the caller's own center. Per-day arrivals and "this week" are cut on that center's local days,
 * not on Asia/Shanghai for everyone: a center in Asia/Urumqi counts a 23:30 arrival on its own day.
 */
const m004 = `
ALTER TABLE city.centers ADD COLUMN time_zone text NOT NULL DEFAULT 'Asia/Shanghai';
CREATE FUNCTION city.set_time_zone(tz text) RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = city, pg_temp AS $fn$
DECLARE
  me integer := city.my_center();
BEGIN
  IF me IS NULL THEN RAISE EXCEPTION 'not a center login' USING ERRCODE = 'insufficient_privilege'; END IF;
  -- An unknown zone raises invalid_parameter_value here, before anything is stored.
  PERFORM now() AT TIME ZONE tz;
  UPDATE city.centers SET time_zone = tz WHERE id = me AND time_zone IS DISTINCT FROM tz;
  RETURN tz;
END $fn$;
REVOKE ALL ON FUNCTION city.set_time_zone(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION city.set_time_zone(text) TO houniao_ingest;
CREATE OR REPLACE VIEW city.v_centers AS
  SELECT c.id AS center_id, c.name, c.enrolled_at, k.updated_at AS last_push_at, coalesce(k.last_seq, 0) AS last_seq, c.time_zone
  FROM city.centers c LEFT JOIN city.cursors k ON k.center_id = c.id;
CREATE OR REPLACE VIEW city.v_arrivals AS
  SELECT s.center_id, (s.arrived_at AT TIME ZONE c.time_zone)::date AS day, count(*)::int AS arrivals
  FROM city.stays s JOIN city.centers c ON c.id = s.center_id WHERE NOT s.deleted GROUP BY 1, 2;
`;

/**
 * Full re-snapshots (issue 16). A center's rows the city confirmed are pruned at the center after 7
 * days; a city restored from an older backup would lack them for good. Now:
 * - the hub asks for a re-snapshot by setting city.centers.resnapshot_requested_at — by itself when
 *   ingest sees a gap (a batch that starts above the cursor + 1: rows the center no longer has), or
 *   the technician with `npm run hub -- --resnapshot <center id>`;
 * - the center's pusher asks city.resnapshot_wanted() each round and, if so, queues every row again
 *   with a closing 'snapshot' marker (db/sync/state.ts queueResnapshot); its manager may also do it
 *   from 市级数据同步;
 * - ingest upserts the rows as ever (seq-guarded: idempotent) and, on the marker, marks deleted each
 *   of the center's projection rows older than the snapshot's first seq (the center has no such row
 *   any more), then clears the request.
 */
const ingestV1 = /CREATE FUNCTION city\.ingest[\s\S]*?END \$\$;/.exec(m001)![0];
const ingestV2 = ingestV1
  .replace('CREATE FUNCTION city.ingest', 'CREATE OR REPLACE FUNCTION city.ingest')
  .replace('  top bigint;', '  top bigint;\n  prev bigint;\n  snap record;')
  .replace(
    '  SELECT max(seq) INTO top FROM batch_rows;',
    `  FOR snap IN SELECT seq, (payload->>'from')::bigint AS from_seq FROM batch_rows WHERE entity = 'snapshot' ORDER BY seq LOOP
${projectionTables.map((t) => `    UPDATE city.${t} SET deleted = true, seq = snap.seq WHERE center_id = me AND seq < snap.from_seq AND NOT deleted;`).join('\n')}
    PERFORM city.resnapshot_flag(false);
  END LOOP;

  -- A batch that starts above cursor + 1: the center no longer has the rows in between.
  SELECT last_seq INTO prev FROM city.cursors WHERE center_id = me;
  IF (SELECT min(seq) FROM batch_rows) > coalesce(prev, 0) + 1 THEN PERFORM city.resnapshot_flag(true); END IF;

  SELECT max(seq) INTO top FROM batch_rows;`,
  );
if (ingestV2 === ingestV1 || !ingestV2.includes('resnapshot_flag(true)')) throw new Error('city migration 5: ingest not found');

const m005 = `
ALTER TABLE city.centers ADD COLUMN resnapshot_requested_at timestamptz;
-- Set (a gap seen) or clear (a snapshot arrived) the calling center's own request.
CREATE FUNCTION city.resnapshot_flag(wanted boolean) RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = city, pg_temp AS $fn$
  UPDATE city.centers SET resnapshot_requested_at = CASE WHEN wanted THEN coalesce(resnapshot_requested_at, now()) END WHERE id = city.my_center()
$fn$;
CREATE FUNCTION city.resnapshot_wanted() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = city, pg_temp AS $fn$
  SELECT coalesce((SELECT resnapshot_requested_at IS NOT NULL FROM city.centers WHERE id = city.my_center()), false)
$fn$;
REVOKE ALL ON FUNCTION city.resnapshot_flag(boolean), city.resnapshot_wanted() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION city.resnapshot_flag(boolean), city.resnapshot_wanted() TO houniao_ingest;
${ingestV2}
`;

/** Requests, activities, sign-ups, attendance and counter ratings (db/city/migrationDomains.ts), on migration 5's ingest. */
const m006 = m006Domains(ingestV2);

/**
 * Seasons counted on each center's own calendar (issue 16, point 4): "本市其他站点曾登记（N 个季度）"
 * counted a season as the UTC year of arrival − 6 months, which cut every year at 1 July — inside a
 * summer center's season (伊春: 06-01 to 09-30), so a resident who arrived in June and again in July
 * of one summer counted two. Each center's pusher now reports its season start (setting
 * reports.season) with its zone; a stay belongs to the season that began on the last season start
 * on or before its local arrival day.
 */
const MONTH_DAY = "'^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'";
const m007 = `
ALTER TABLE city.centers ADD COLUMN season_start text NOT NULL DEFAULT '10-01' CHECK (season_start ~ ${MONTH_DAY});
CREATE FUNCTION city.set_season_start(start text) RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = city, pg_temp AS $fn$
DECLARE
  me integer := city.my_center();
BEGIN
  IF me IS NULL THEN RAISE EXCEPTION 'not a center login' USING ERRCODE = 'insufficient_privilege'; END IF;
  IF start IS NULL OR start !~ ${MONTH_DAY} THEN RAISE EXCEPTION 'not a month-day: %', start USING ERRCODE = 'invalid_parameter_value'; END IF;
  UPDATE city.centers SET season_start = start WHERE id = me AND season_start IS DISTINCT FROM start;
  RETURN start;
END $fn$;
REVOKE ALL ON FUNCTION city.set_season_start(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION city.set_season_start(text) TO houniao_ingest;
-- The year the season a local arrival falls in began: its year, or the one before when the day comes before the season start.
CREATE FUNCTION city.season_of(at timestamptz, tz text, start text) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT extract(year FROM at AT TIME ZONE tz)::int - CASE WHEN to_char(at AT TIME ZONE tz, 'MM-DD') >= start THEN 0 ELSE 1 END
$$;
CREATE OR REPLACE FUNCTION city.recognise(resident_key text) RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER SET search_path = city, pg_temp AS $$
  SELECT count(DISTINCT (r.center_id, city.season_of(s.arrived_at, c.time_zone, c.season_start)))::int
  FROM city.residents r
  JOIN city.stays s ON s.center_id = r.center_id AND s.resident_local_id = r.local_id AND NOT s.deleted
  JOIN city.centers c ON c.id = r.center_id
  WHERE r.person_key = city.rekey(resident_key) AND NOT r.deleted AND r.center_id <> city.my_center()
$$;
`;

export const cityMigrations: CityMigration[] = [
  { version: 1, name: 'ingest', sql: m001 },
  { version: 2, name: 'dashboard views', sql: m002 },
  { version: 3, name: 'hub reads as dashboard', sql: m003 },
  { version: 4, name: 'center time zones', sql: m004 },
  { version: 5, name: 'full re-snapshots', sql: m005 },
  { version: 6, name: 'requests and activities', sql: m006 },
  { version: 7, name: 'center seasons', sql: m007 },
];
