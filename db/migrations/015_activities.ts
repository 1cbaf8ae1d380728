/**
 * Schema 15: activities and rooms (issue 18). A room (功能空间) has a capacity, opening hours per
 * weekday (JSON, several ranges a day) and the activity types it may host. Every use of a room —
 * a group's booking or an activity held there — is one row of activity_room_slots, so the conflict
 * check reads one index. Sign-ups keep their order by id (AUTOINCREMENT: an id is never reused, so
 * the waitlist order is the order people signed up). Attendance is one row per person and activity.
 */
export default /* sql */ `
CREATE TABLE activity_rooms (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  capacity    INTEGER NOT NULL CHECK (capacity >= 1),
  -- {"0": [["09:00","11:30"],["14:00","21:00"]], … "6": [...]}: weekday 0 = Sunday, local wall-clock times.
  hours       TEXT NOT NULL DEFAULT '{}',
  -- ["course","culture_sports",…]: the activity types the room may host.
  types       TEXT NOT NULL DEFAULT '[]',
  note        TEXT NOT NULL DEFAULT '',
  active      INTEGER NOT NULL DEFAULT 1,
  sort        INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE activities (
  id                 INTEGER PRIMARY KEY,
  title              TEXT NOT NULL,
  type               TEXT NOT NULL CHECK (type IN ('party_day', 'course', 'culture_sports', 'volunteer', 'health_talk', 'health_check')),
  room_id            INTEGER REFERENCES activity_rooms(id),
  place              TEXT,
  starts_at          TEXT NOT NULL,
  ends_at            TEXT NOT NULL,
  capacity           INTEGER NOT NULL CHECK (capacity >= 0),
  signup_opens_at    TEXT,
  signup_closes_at   TEXT,
  notes              TEXT NOT NULL DEFAULT '',
  -- [{"kind":"minAge","age":65},{"kind":"partyMember"},{"kind":"inTown"},{"kind":"oncePerSeason"}]
  rules              TEXT NOT NULL DEFAULT '[]',
  -- Minutes a volunteer's attendance is worth (the time bank's rule); NULL = the activity's length.
  volunteer_minutes  INTEGER CHECK (volunteer_minutes IS NULL OR volunteer_minutes >= 0),
  status             TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cancelled')),
  created_by         INTEGER REFERENCES staff(id),
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  CHECK (ends_at > starts_at),
  CHECK (room_id IS NOT NULL OR place IS NOT NULL)
);
CREATE INDEX activities_starts ON activities(starts_at);

CREATE TABLE activity_room_slots (
  id            INTEGER PRIMARY KEY,
  room_id       INTEGER NOT NULL REFERENCES activity_rooms(id),
  starts_at     TEXT NOT NULL,
  ends_at       TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('booking', 'activity')),
  activity_id   INTEGER REFERENCES activities(id),
  group_kind    TEXT CHECK (group_kind IN ('club', 'party', 'outside')),
  group_name    TEXT,
  purpose       TEXT,
  activity_type TEXT NOT NULL,
  people        INTEGER NOT NULL CHECK (people >= 0),
  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  staff_id      INTEGER REFERENCES staff(id),
  created_at    TEXT NOT NULL,
  cancelled_at  TEXT,
  CHECK (ends_at > starts_at)
);
-- Slots are at most one day long (they lie inside one opening range), so an overlap check is a
-- narrow range of this index: starts in (start − 1 day, end).
CREATE INDEX activity_room_slots_time ON activity_room_slots(room_id, starts_at) WHERE status = 'active';
CREATE UNIQUE INDEX activity_room_slots_activity ON activity_room_slots(activity_id) WHERE activity_id IS NOT NULL AND status = 'active';

CREATE TABLE activity_signups (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  activity_id   INTEGER NOT NULL REFERENCES activities(id),
  resident_id   INTEGER NOT NULL REFERENCES residents(id),
  status        TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
  source        TEXT NOT NULL CHECK (source IN ('kiosk', 'staff', 'group', 'door')),
  staff_id      INTEGER REFERENCES staff(id),
  created_at    TEXT NOT NULL,
  confirmed_at  TEXT,
  -- Set when a freed place moved this person up from the waitlist; told_at when staff told them.
  promoted_at   TEXT,
  told_at       TEXT,
  cancelled_at  TEXT,
  print_job_id  INTEGER
);
-- One live sign-up per person and activity.
CREATE UNIQUE INDEX activity_signups_live ON activity_signups(activity_id, resident_id) WHERE status <> 'cancelled';
CREATE INDEX activity_signups_activity ON activity_signups(activity_id, status, id);
CREATE INDEX activity_signups_resident ON activity_signups(resident_id);

CREATE TABLE activity_attendance (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  activity_id    INTEGER NOT NULL REFERENCES activities(id),
  resident_id    INTEGER NOT NULL REFERENCES residents(id),
  signup_id      INTEGER REFERENCES activity_signups(id),
  role           TEXT NOT NULL CHECK (role IN ('participant', 'volunteer')),
  walk_in        INTEGER NOT NULL DEFAULT 0,
  checked_in_at  TEXT NOT NULL,
  staff_id       INTEGER REFERENCES staff(id),
  UNIQUE (activity_id, resident_id)
);
CREATE INDEX activity_attendance_resident ON activity_attendance(resident_id);
`;
