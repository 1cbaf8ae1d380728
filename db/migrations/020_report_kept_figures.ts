/**
 * Schema 20 (issue 15): what the season dashboard needs to stay fast while the desk keeps writing.
 * The residents module's figures are computed again after every check-in (migration 17's counters
 * change); two parts of them were a recount over the whole season.
 *
 * 1. Which residents changed, so the population figures can be brought up to date per resident
 *    (db/residents/populationTally.ts) instead of recounted over 100,000 residents.
 *
 * The row `report_changes.tbl = 'resident_ids'` counts, in `n`, every write that can move a
 * resident in or out of a period's population or change what they are counted as, and keeps in
 * `recent` the ids of the last {@link RING_IDS} of them, each as ten digits. Its triggers fire in the
 * same transaction as the write, whoever makes it; `recent` lives in the same small table (and so
 * the same database page) as the change counters every such write bumps already, so a check-in
 * writes no extra page for it. A reader that kept figures at count n0 and now sees n reads the last
 * n − n0 ids, or recounts when more than the ring holds have changed.
 *
 * What fires it: a resident inserted or deleted, or a change to one of the columns the population
 * figures read (REPORTED_RESIDENT_COLUMNS: not last_seen_at, which every check-in writes); a stay
 * inserted or deleted, or moved, re-dated or closed (both residents when a merge moves it).
 *
 * 2. The length of every closed stay in an index (stays_length, only closed stays: a check-in writes
 *    nothing to it, a check-out one entry), so "length of stay" reads a range of the index instead
 *    of parsing two timestamps of each of the season's 85,000 closed stays. The expression is
 *    STAY_LENGTH_DAYS; a query must use it as written to be served from the index.
 */
export const STAY_LENGTH_DAYS = "(unixepoch(departed_at, 'subsec') - unixepoch(arrived_at, 'subsec')) / 86400.0";
export const RING_IDS = 90;
/** Ten decimal digits an id (rowids of 9,999,999,999 and more do not occur here): 900 characters fit on the counters' page. */
export const RING_ID_WIDTH = 10;
export const REPORTED_RESIDENT_COLUMNS = ['origin_province', 'origin_city', 'sex', 'birth_year', 'lodging_kind', 'lodging_id', 'party_member', 'needs', 'interests'] as const;

const append = (id: string, when = '') =>
  `UPDATE report_changes SET n = n + 1, recent = substr(recent || printf('%0${RING_ID_WIDTH}d', ${id}), -${RING_IDS * RING_ID_WIDTH}) WHERE tbl = 'resident_ids'${when};`;

export default `
ALTER TABLE report_changes ADD COLUMN recent TEXT NOT NULL DEFAULT '';
INSERT INTO report_changes (tbl) VALUES ('resident_ids');
CREATE TRIGGER report_resident_ids_residents_insert AFTER INSERT ON residents
BEGIN
  ${append('NEW.id')}
END;
CREATE TRIGGER report_resident_ids_residents_delete AFTER DELETE ON residents
BEGIN
  ${append('OLD.id')}
END;
CREATE TRIGGER report_resident_ids_residents_update AFTER UPDATE OF ${REPORTED_RESIDENT_COLUMNS.join(', ')} ON residents
BEGIN
  ${append('NEW.id')}
END;
CREATE TRIGGER report_resident_ids_stays_insert AFTER INSERT ON stays
BEGIN
  ${append('NEW.resident_id')}
END;
CREATE TRIGGER report_resident_ids_stays_delete AFTER DELETE ON stays
BEGIN
  ${append('OLD.resident_id')}
END;
CREATE INDEX stays_length ON stays(departed_at, ${STAY_LENGTH_DAYS}) WHERE departed_at IS NOT NULL;
CREATE TRIGGER report_resident_ids_stays_update AFTER UPDATE OF resident_id, arrived_at, departed_at ON stays
BEGIN
  ${append('OLD.resident_id')}
  ${append('NEW.resident_id', ' AND NEW.resident_id IS NOT OLD.resident_id')}
END;
`;
