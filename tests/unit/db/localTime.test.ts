import { describe, expect, it } from 'vitest';
import { centerTimeZone, formatCenterTime, instantOfLocalTime, localClock, localDate, startOfLocalDay } from '../../../db/localTime.js';
import { writeSettings } from '../../../db/settings.js';
import { tempApi } from '../../helpers/tempDb.js';

describe("the center's wall clock", () => {
  it('reads the zone from the settings, Asia/Shanghai until the manager changes it', () => {
    const { db } = tempApi();
    expect(centerTimeZone(db)).toBe('Asia/Shanghai');
    writeSettings(db, { 'queue.timezone': 'Asia/Urumqi' });
    expect(centerTimeZone(db)).toBe('Asia/Urumqi');
  });

  it('gives the local day and time of a UTC instant', () => {
    const at = new Date('2026-11-22T17:30:00Z');
    expect(localClock(at, 'Asia/Shanghai')).toEqual({ day: '2026-11-23', time: '01:30' });
    expect(localDate(at, 'Asia/Urumqi')).toBe('2026-11-22');
    expect(formatCenterTime('2026-11-22T06:05:00Z', 'Asia/Shanghai')).toBe('11月22日 14:05');
    expect(formatCenterTime('2026-11-22T06:05:00Z', 'Asia/Shanghai', true)).toBe('2026年11月22日 14:05');
  });

  it('finds the instant a local day begins, also across a daylight-saving change', () => {
    expect(startOfLocalDay('2026-11-23', 'Asia/Shanghai').toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(startOfLocalDay('2026-11-23', 'Asia/Urumqi').toISOString()).toBe('2026-11-22T18:00:00.000Z');
    // Europe/Berlin moves from UTC+1 to UTC+2 on 2026-03-29 at 02:00; midnight that day is still UTC+1.
    expect(startOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it("reads a time typed on the center's clock (a due time on the loan desk) back as the instant, whatever zone the PC is in", () => {
    expect(instantOfLocalTime('2026-11-27', '14:30', 'Asia/Shanghai').toISOString()).toBe('2026-11-27T06:30:00.000Z');
    expect(instantOfLocalTime('2026-11-27', '14:30', 'Asia/Urumqi').toISOString()).toBe('2026-11-27T08:30:00.000Z');
    expect(instantOfLocalTime('2026-07-01', '09:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    const at = instantOfLocalTime('2026-11-27', '23:45', 'Asia/Shanghai');
    expect(localClock(at, 'Asia/Shanghai')).toEqual({ day: '2026-11-27', time: '23:45' });
  });
});
