import { centerTimeZone } from '../../localTime.js';
import { recordAudit, recordView } from '../../audit.js';
import { readSetting } from '../../settings.js';
import { cardQrPayload, formatCardNumber, parseCardCode } from '../../residents/cards.js';
import { idKeyProviderFor } from '../../residents/idNumbers.js';
import { listLodgings, saveLodging } from '../../residents/lodgings.js';
import { mergeResidents } from '../../residents/merge.js';
import { PRIVACY_NOTICE_VERSION, privacyNotice } from '../../residents/privacy.js';
import {
  ageOf,
  anonymiseResident,
  findActiveByCard,
  findActiveByPhone,
  insertResident,
  requireResident,
  revealIdNumber,
  updateResident,
  type Resident,
} from '../../residents/residents.js';
import { runRetention } from '../../residents/retention.js';
import { maskName, maskPhone } from '../../residents/schema.js';
import { searchResidents } from '../../residents/search.js';
import { checkIn, checkOut, listStays, openStayOf, stayDays, type Stay } from '../../residents/stays.js';
import { todaySummary, type TodayRow } from '../../residents/today.js';
import { seasonLabel, type ServiceCardData } from '../../printing/layouts/serviceCard.js';
import type { KioskResidentView, ResidentProfile, StayView, residentsOperations } from '../contract/residents.js';
import { ApiError } from '../../errors/index.js';
import { requireSession, type CallContext, type Handlers } from './types.js';

const keyOf = (ctx: CallContext) => idKeyProviderFor(ctx.dataDir);

function stayView(s: Stay, timeZone: string): StayView {
  return {
    id: s.id,
    arrivedAt: s.arrivedAt,
    plannedDeparture: s.plannedDeparture,
    departedAt: s.departedAt,
    days: s.departedAt ? stayDays(s.arrivedAt, s.departedAt, timeZone) : null,
    source: s.source,
  };
}

function profileOf(ctx: CallContext, id: number): ResidentProfile {
  const r = requireResident(ctx.db, id);
  const { mergedInto, ...rest } = r;
  const timeZone = centerTimeZone(ctx.db);
  return { ...rest, mergedInto, qrPayload: cardQrPayload(r.cardNo), age: ageOf(r.birthYear, ctx.now), stays: listStays(ctx.db, id).map((s) => stayView(s, timeZone)) };
}

function originOf(r: Resident): string | null {
  if (!r.originProvince) return null;
  return r.originProvince === r.originCity ? r.originProvince : `${r.originProvince} ${r.originCity}`;
}

function kioskView(ctx: CallContext, r: Resident): KioskResidentView {
  const open = openStayOf(ctx.db, r.id);
  return {
    maskedName: maskName(r.name),
    maskedPhone: maskPhone(r.phone),
    cardNo: formatCardNumber(r.cardNo),
    origin: originOf(r),
    lodging: r.lodgingName ?? (r.lodgingKind === 'own' ? '自有住房' : r.lodgingKind === 'rental' ? '租住' : null),
    inTown: open !== null,
    arrivedAt: open?.arrivedAt ?? null,
    plannedDeparture: open?.plannedDeparture ?? null,
  };
}

/** The kiosk's two ways in: a card (scan or typed) or a phone number. Only active residents. */
function identify(ctx: CallContext, who: { card: string } | { phone: string }): Resident {
  if ('card' in who) {
    const card = parseCardCode(who.card);
    if (!card) throw new ApiError('CARD_INVALID');
    const r = findActiveByCard(ctx.db, card);
    if (!r) throw new ApiError('RESIDENT_NOT_FOUND');
    return r;
  }
  const r = findActiveByPhone(ctx.db, who.phone);
  if (!r) throw new ApiError('RESIDENT_NOT_FOUND');
  return r;
}

function submitCard(ctx: CallContext, r: Resident, requested?: 'card' | 'receipt'): number {
  // A thermal receipt printer cannot print a CR80 page: it gets the receipt variant.
  const layout = requested ?? (readSetting(ctx.db, 'printing.targets').serviceCard.kind === 'escpos' ? 'receipt' : 'card');
  const data: ServiceCardData = { name: r.name ?? '', cardNo: formatCardNumber(r.cardNo), qrPayload: cardQrPayload(r.cardNo), season: seasonLabel(ctx.now) };
  return ctx.print.submit({ jobType: 'serviceCard', layoutId: layout === 'card' ? 'serviceCard' : 'serviceCardReceipt', data }).jobId;
}

function assertConsent(version: string): void {
  if (version !== PRIVACY_NOTICE_VERSION) throw new ApiError('CONSENT_OUTDATED');
}

const todayRow = (r: TodayRow, at: string) => ({ residentId: r.residentId, name: r.name, maskedPhone: maskPhone(r.phone), at, plannedDeparture: r.plannedDeparture });

export const residentsHandlers: Handlers<keyof typeof residentsOperations> = {
  'residents.privacyNotice': ({ db }) => privacyNotice(readSetting(db, 'center.name'), readSetting(db, 'residents.retentionMonths')),

  'residents.lodgings': ({ db }) => listLodgings(db).map(({ id, name, kind, address }) => ({ id, name, kind, address })),

  'residents.kiosk.register': (ctx, input) => {
    assertConsent(input.consent.version);
    const { db, now } = ctx;
    const result = db.transaction(() => {
      const r = insertResident(db, input.resident, { key: keyOf(ctx), now, consentVersion: input.consent.version });
      const { stay } = checkIn(db, r.id, { now, plannedDeparture: input.plannedDeparture, source: 'kiosk' });
      recordAudit(db, { action: 'residents.register', subject: `resident:${r.id}`, detail: { via: 'kiosk', consentVersion: input.consent.version } }, now);
      return { r, stay };
    })();
    // Printing is recorded after the registration is safe: a printer problem never loses a registration.
    const printJobId = submitCard(ctx, result.r);
    return { maskedName: maskName(result.r.name), cardNo: formatCardNumber(result.r.cardNo), qrPayload: cardQrPayload(result.r.cardNo), stayId: result.stay.id, printJobId };
  },

  'residents.kiosk.lookup': (ctx, input) => {
    const r = identify(ctx, input);
    return { maskedName: maskName(r.name), maskedPhone: maskPhone(r.phone) };
  },

  'residents.kiosk.checkIn': (ctx, input) => {
    const { db, now } = ctx;
    return db.transaction(() => {
      const r = identify(ctx, 'card' in input ? { card: input.card } : { phone: input.phone });
      const { stay, alreadyIn } = checkIn(db, r.id, { now, plannedDeparture: input.plannedDeparture, source: 'kiosk' });
      return { ...kioskView(ctx, r), stayId: stay.id, alreadyIn };
    })();
  },

  'residents.kiosk.checkOut': (ctx, input) => {
    const { db, now } = ctx;
    return db.transaction(() => {
      const r = identify(ctx, input);
      const { stay, days } = checkOut(db, r.id, now);
      return { maskedName: maskName(r.name), arrivedAt: stay.arrivedAt, departedAt: stay.departedAt!, days };
    })();
  },

  'residents.kiosk.printCard': (ctx, input) => {
    const r = identify(ctx, input);
    return { printJobId: submitCard(ctx, r), cardNo: formatCardNumber(r.cardNo) };
  },

  'residents.search': ({ db }, { q, limit }) =>
    searchResidents(db, q, limit).map((h) => ({
      id: h.id,
      cardNo: formatCardNumber(h.cardNo),
      status: h.status,
      name: h.name,
      maskedPhone: maskPhone(h.phone),
      birthYear: h.birthYear,
      origin: h.originProvince ? (h.originProvince === h.originCity ? h.originProvince : `${h.originProvince} ${h.originCity}`) : null,
      lastSeenAt: h.lastSeenAt,
      inTown: h.inTown,
    })),

  'residents.get': (ctx, { id }) => {
    const profile = profileOf(ctx, id);
    recordView(ctx.db, requireSession(ctx).staff.id, `resident:${id}`, ctx.now); // PIPL: who looked (issue 15)
    return profile;
  },

  'residents.register': (ctx, input) => {
    assertConsent(input.consent.version);
    const staff = requireSession(ctx).staff;
    const { db, now } = ctx;
    const id = db.transaction(() => {
      const r = insertResident(db, input.resident, { key: keyOf(ctx), now, consentVersion: input.consent.version });
      if (input.checkIn) checkIn(db, r.id, { now, plannedDeparture: input.plannedDeparture, source: 'staff' });
      recordAudit(db, { staffId: staff.id, action: 'residents.register', subject: `resident:${r.id}`, detail: { via: 'staff', consentVersion: input.consent.version } }, now);
      return r.id;
    })();
    return profileOf(ctx, id);
  },

  'residents.update': (ctx, input) => {
    const staff = requireSession(ctx).staff;
    const { db, now } = ctx;
    db.transaction(() => {
      const changed = updateResident(db, input.id, input.resident, { key: keyOf(ctx), now, clearIdNumber: input.clearIdNumber });
      // Field names only: the audit log must not become a second copy of the personal data.
      if (changed.length)
        recordAudit(db, { staffId: staff.id, action: 'residents.update', subject: `resident:${input.id}`, detail: { fields: changed, reason: input.reason } }, now);
    })();
    return profileOf(ctx, input.id);
  },

  'residents.checkIn': (ctx, input) => {
    const staff = requireSession(ctx).staff;
    const { db, now } = ctx;
    return db.transaction(() => {
      const r = requireResident(db, input.id);
      if (r.status !== 'active') throw new ApiError('RESIDENT_INACTIVE');
      const { stay, alreadyIn } = checkIn(db, r.id, { now, plannedDeparture: input.plannedDeparture, source: 'staff' });
      if (!alreadyIn) recordAudit(db, { staffId: staff.id, action: 'residents.checkIn', subject: `resident:${r.id}` }, now);
      return stayView(stay, centerTimeZone(db));
    })();
  },

  'residents.checkOut': (ctx, input) => {
    const staff = requireSession(ctx).staff;
    const { db, now } = ctx;
    return db.transaction(() => {
      requireResident(db, input.id);
      const { stay } = checkOut(db, input.id, now);
      recordAudit(db, { staffId: staff.id, action: 'residents.checkOut', subject: `resident:${input.id}` }, now);
      return stayView(stay, centerTimeZone(db));
    })();
  },

  'residents.printCard': (ctx, input) => {
    const r = requireResident(ctx.db, input.id);
    if (r.status !== 'active') throw new ApiError('RESIDENT_INACTIVE');
    return { printJobId: submitCard(ctx, r, input.layout) };
  },

  'residents.today': ({ db, now }) => {
    const t = todaySummary(db, now);
    return {
      ...t,
      arrivalsList: t.arrivalsList.map((r) => todayRow(r, r.arrivedAt)),
      departuresList: t.departuresList.map((r) => todayRow(r, r.departedAt ?? r.arrivedAt)),
      inTownList: t.inTownList.map((r) => todayRow(r, r.arrivedAt)),
      overdueList: t.overdueList.map((r) => todayRow(r, r.arrivedAt)),
    };
  },

  'residents.revealId': (ctx, input) => {
    const staff = requireSession(ctx).staff;
    const { db, now } = ctx;
    return db.transaction(() => {
      const idNumber = revealIdNumber(db, input.id, keyOf(ctx));
      recordAudit(db, { staffId: staff.id, action: 'residents.revealId', subject: `resident:${input.id}`, detail: { reason: input.reason } }, now);
      return { idNumber };
    })();
  },

  'residents.anonymise': (ctx, input) => {
    const staff = requireSession(ctx).staff;
    const { db, now } = ctx;
    db.transaction(() => {
      const r = requireResident(db, input.id);
      if (r.status !== 'active') throw new ApiError('RESIDENT_INACTIVE');
      anonymiseResident(db, r.id, input.deceased ? 'deceased' : 'anonymised', now);
      recordAudit(db, { staffId: staff.id, action: 'residents.anonymise', subject: `resident:${r.id}`, detail: { deceased: input.deceased, reason: input.reason } }, now);
    })();
    return profileOf(ctx, input.id);
  },

  'residents.merge': (ctx, input) => {
    const staff = requireSession(ctx).staff;
    const { db, now } = ctx;
    db.transaction(() => {
      const { movedStays } = mergeResidents(db, input.keepId, input.dropId, now);
      recordAudit(
        db,
        { staffId: staff.id, action: 'residents.merge', subject: `resident:${input.keepId}`, detail: { dropId: input.dropId, movedStays, reason: input.reason } },
        now,
      );
    })();
    return profileOf(ctx, input.keepId);
  },

  'residents.runRetention': ({ db, now }) => runRetention(db, readSetting(db, 'residents.retentionMonths'), now),

  'residents.saveLodging': (ctx, input) => {
    const staff = requireSession(ctx).staff;
    const { db, now } = ctx;
    db.transaction(() => {
      const id = saveLodging(db, { id: input.id ?? null, name: input.name, kind: input.kind, address: input.address, active: input.active });
      recordAudit(db, { staffId: staff.id, action: 'residents.saveLodging', subject: `lodging:${id}`, detail: { name: input.name } }, now);
    })();
    return listLodgings(db).map(({ id, name, kind, address }) => ({ id, name, kind, address }));
  },
};
