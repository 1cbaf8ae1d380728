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
  flushErasure,
  findActiveByCard,
  findActiveByPhone,
  insertResident,
  requireResident,
  revealIdNumber,
  touchResident,
  updateResident,
  type Resident,
} from '../../residents/residents.js';
import { runRetention } from '../../residents/retention.js';
import { maskName, maskPhone } from '../../residents/schema.js';
import { searchResidents } from '../../residents/search.js';
import { checkIn, checkOut, issueDepartureUndo, listStays, openStayOf, stayDays, undoDeparture, UNDO_DEPARTURE_MS, type Stay } from '../../residents/stays.js';
import {
  assertLookupAllowed,
  assertProofAllowed,
  clearProofFailures,
  MISS_COST,
  proofMatches,
  recentLookupTrips,
  recordProofFailure,
  spendLookup,
  type KioskProof,
} from '../../residents/kioskGuard.js';
import { departedWithOpenItems, openItemsOf, type OpenItem } from '../../departures/openItems.js';
import { loanHistory } from '../../loans/lists.js';
import { ticketsOf } from '../../residents/activity.js';
import { todaySummary, type TodayRow } from '../../residents/today.js';
import { seasonLabel, type ServiceCardData } from '../../printing/layouts/serviceCard.js';
import type { KioskOpenItem, KioskResidentView, ResidentProfile, StayView, residentsOperations } from '../contract/residents.js';
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
  const loans = loanHistory(ctx.db, { residentId: id }, ctx.now)
    .slice(0, 50)
    .map((l) => ({
      id: l.id,
      assetTag: l.assetTag,
      categoryName: l.categoryName,
      categoryNameEn: l.categoryNameEn,
      outAt: l.outAt,
      dueAt: l.dueAt,
      returnedAt: l.returnedAt,
      depositFen: l.depositFen,
      overdue: l.overdue,
    }));
  return {
    ...rest,
    mergedInto,
    qrPayload: cardQrPayload(r.cardNo),
    age: ageOf(r.birthYear, ctx.now),
    stays: listStays(ctx.db, id).map((s) => stayView(s, timeZone)),
    loans,
    tickets: ticketsOf(ctx.db, id, 30),
    departedWithOpenItems: departedWithOpenItems(ctx.db).some((d) => d.residentId === id),
  };
}

const kioskItem = (i: OpenItem): KioskOpenItem => ({ categoryName: i.categoryName, categoryNameEn: i.categoryNameEn, assetTag: i.assetTag, depositFen: i.depositFen });

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

export type KioskWho = { card: string } | ({ phone: string } & Partial<{ birthYear: number; idLast4: string }>);

/** The host's own kiosk is one source; each paired terminal another (issue 11.5). */
export function sourceOf(ctx: CallContext): string {
  return ctx.caller?.kind === 'terminal' ? `terminal:${ctx.caller.terminal.id}` : 'host';
}

export function spendOrRefuse(ctx: CallContext, source: string, cost: number): void {
  const blocked = spendLookup(ctx.db, source, cost, ctx.now);
  if (blocked !== null) throw new ApiError('KIOSK_LOOKUP_LIMITED', { seconds: blocked });
}

/**
 * The kiosk's two ways in: a card (scan or typed), or a phone. Only active residents. A card is in
 * the person's hand: verified. A phone is verified only with the right proof; without one the
 * caller gets `verified: false` and may show the masked name only. Every phone look-up and every
 * miss is counted per source (kioskGuard.ts) outside any transaction, so a refusal still counts.
 */
function identifyKiosk(ctx: CallContext, who: KioskWho): { r: Resident; verified: boolean } {
  const { db, now } = ctx;
  const source = sourceOf(ctx);
  assertLookupAllowed(db, source, now);
  if ('card' in who) {
    const card = parseCardCode(who.card);
    if (!card) throw new ApiError('CARD_INVALID');
    const r = findActiveByCard(db, card);
    if (!r) {
      spendOrRefuse(ctx, source, MISS_COST);
      throw new ApiError('RESIDENT_NOT_FOUND');
    }
    return { r, verified: true };
  }
  const r = findActiveByPhone(db, who.phone);
  if (!r) {
    spendOrRefuse(ctx, source, MISS_COST);
    throw new ApiError('RESIDENT_NOT_FOUND');
  }
  spendOrRefuse(ctx, source, 1);
  const proof: KioskProof | null = who.birthYear !== undefined ? { birthYear: who.birthYear } : who.idLast4 !== undefined ? { idLast4: who.idLast4 } : null;
  if (!proof) return { r, verified: false };
  assertProofAllowed(db, r.id, now);
  if (!proofMatches(r, proof)) {
    recordProofFailure(db, r.id, source, now);
    spendOrRefuse(ctx, source, MISS_COST - 1);
    assertProofAllowed(db, r.id, now);
    throw new ApiError('RESIDENT_PROOF_WRONG');
  }
  clearProofFailures(db, r.id);
  return { r, verified: true };
}

/** For the ops that act or show more than the masked name: a phone without its proof gets nothing. */
export function verifiedResident(ctx: CallContext, who: KioskWho): Resident {
  const { r, verified } = identifyKiosk(ctx, who);
  if (!verified) throw new ApiError('RESIDENT_PROOF_NEEDED');
  return r;
}

export const whoOf = (input: KioskWho & { plannedDeparture?: unknown }): KioskWho => {
  if ('card' in input) return { card: input.card };
  const { phone, birthYear, idLast4 } = input;
  return { phone, ...(birthYear !== undefined ? { birthYear } : {}), ...(idLast4 !== undefined ? { idLast4 } : {}) };
};

function submitCard(ctx: CallContext, r: Resident, requested?: 'card' | 'receipt'): number {
  // A card printed (or reprinted) is contact with the person: it restarts the retention period.
  touchResident(ctx.db, r.id, ctx.now);
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
    // A duplicate answer tells that a number is registered: a source blocked for look-ups may not probe this way either.
    assertLookupAllowed(db, sourceOf(ctx), now);
    const register = db.transaction(() => {
      const r = insertResident(db, input.resident, { key: keyOf(ctx), now, consentVersion: input.consent.version });
      const { stay } = checkIn(db, r.id, { now, plannedDeparture: input.plannedDeparture, source: 'kiosk' });
      recordAudit(db, { action: 'residents.register', subject: `resident:${r.id}`, detail: { via: 'kiosk', consentVersion: input.consent.version } }, now);
      return { r, stay };
    });
    let result: ReturnType<typeof register>;
    try {
      result = register();
    } catch (e) {
      // The public kiosk must not learn that a phone or ID number is registered, nor to whom (issue 12.19).
      if (e instanceof ApiError && (e.code === 'RESIDENT_DUPLICATE_PHONE' || e.code === 'RESIDENT_DUPLICATE_ID')) {
        spendOrRefuse(ctx, sourceOf(ctx), MISS_COST);
        throw new ApiError('RESIDENT_ALREADY_REGISTERED');
      }
      throw e;
    }
    // Printing is recorded after the registration is safe: a printer problem never loses a registration.
    const printJobId = submitCard(ctx, result.r);
    return { maskedName: maskName(result.r.name), cardNo: formatCardNumber(result.r.cardNo), qrPayload: cardQrPayload(result.r.cardNo), stayId: result.stay.id, printJobId };
  },

  'residents.kiosk.lookup': (ctx, input) => {
    const { r, verified } = identifyKiosk(ctx, whoOf(input));
    const base = { maskedName: maskName(r.name), maskedPhone: maskPhone(r.phone) };
    if (!verified) return { ...base, verified: false, openItems: [], inTown: false };
    return { ...base, verified: true, openItems: openItemsOf(ctx.db, r.id).map(kioskItem), inTown: openStayOf(ctx.db, r.id) !== null };
  },

  'residents.kiosk.checkIn': (ctx, input) => {
    const { db, now } = ctx;
    const r = verifiedResident(ctx, whoOf(input));
    return db.transaction(() => {
      const { stay, alreadyIn } = checkIn(db, r.id, { now, plannedDeparture: input.plannedDeparture, source: 'kiosk' });
      return { ...kioskView(ctx, r), stayId: stay.id, alreadyIn };
    })();
  },

  'residents.kiosk.checkOut': (ctx, input) => {
    const { db, now } = ctx;
    const r = verifiedResident(ctx, whoOf(input));
    return db.transaction(() => {
      const { stay, days } = checkOut(db, r.id, now);
      // Recorded with its open items (issue 12.1): the audit says what left town with the person.
      const openItems = openItemsOf(db, r.id);
      recordAudit(
        db,
        { action: 'residents.checkOut', subject: `resident:${r.id}`, detail: { via: 'kiosk', openItems: openItems.map((i) => ({ loanId: i.loanId, assetTag: i.assetTag })) } },
        now,
      );
      const undo = issueDepartureUndo(db, stay.id, now);
      return { maskedName: maskName(r.name), arrivedAt: stay.arrivedAt, departedAt: stay.departedAt!, days, openItems: openItems.map(kioskItem), ...undo };
    })();
  },

  'residents.kiosk.undoCheckOut': (ctx, input) => {
    const { db, now } = ctx;
    return db.transaction(() => {
      const stay = undoDeparture(db, { undoToken: input.undoToken }, now);
      recordAudit(db, { action: 'residents.undoCheckOut', subject: `resident:${stay.residentId}`, detail: { via: 'kiosk', stayId: stay.id } }, now);
      return { maskedName: maskName(requireResident(db, stay.residentId).name) };
    })();
  },

  'residents.kiosk.printCard': (ctx, input) => {
    const r = verifiedResident(ctx, whoOf(input));
    return { printJobId: submitCard(ctx, r), cardNo: formatCardNumber(r.cardNo) };
  },

  'residents.undoCheckOut': (ctx, input) => {
    const staff = requireSession(ctx).staff;
    const { db, now } = ctx;
    return db.transaction(() => {
      requireResident(db, input.id);
      const last = listStays(db, input.id).find((s) => s.departedAt);
      if (!last) throw new ApiError('UNDO_EXPIRED');
      const stay = undoDeparture(db, { stayId: last.id, departedAfter: new Date(now.getTime() - UNDO_DEPARTURE_MS).toISOString() }, now);
      recordAudit(db, { staffId: staff.id, action: 'residents.undoCheckOut', subject: `resident:${input.id}`, detail: { via: 'staff', stayId: stay.id } }, now);
      return stayView(stay, centerTimeZone(db));
    })();
  },

  'residents.departedOpenItems': ({ db }) =>
    departedWithOpenItems(db).map((d) => ({
      loanId: d.loanId,
      residentId: d.residentId,
      residentName: d.residentName,
      maskedPhone: maskPhone(d.residentPhone),
      categoryName: d.categoryName,
      categoryNameEn: d.categoryNameEn,
      assetTag: d.assetTag,
      depositFen: d.depositFen,
      outAt: d.outAt,
      departedAt: d.departedAt,
    })),

  'residents.kioskGuard': ({ db, now }) => {
    const names = new Map((db.prepare('SELECT id, name FROM terminals').all() as Array<{ id: number; name: string }>).map((t) => [`terminal:${t.id}`, t.name]));
    return { trips: recentLookupTrips(db, now).map((t) => ({ ...t, source: t.source === 'host' ? '本机' : (names.get(t.source) ?? t.source) })) };
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
      const openItems = openItemsOf(db, input.id).map((i) => ({ loanId: i.loanId, assetTag: i.assetTag }));
      recordAudit(db, { staffId: staff.id, action: 'residents.checkOut', subject: `resident:${input.id}`, detail: { via: 'staff', openItems } }, now);
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
    flushErasure(db);
    return profileOf(ctx, input.id);
  },

  'residents.merge': (ctx, input) => {
    const staff = requireSession(ctx).staff;
    const { db, now } = ctx;
    db.transaction(() => {
      const m = mergeResidents(db, input.keepId, input.dropId, now);
      // What moved, by table; the aliases are named by card number only (the phone is personal data).
      recordAudit(
        db,
        {
          staffId: staff.id,
          action: 'residents.merge',
          subject: `resident:${input.keepId}`,
          detail: {
            dropId: input.dropId,
            moved: m.moved,
            movedStays: m.movedStays,
            foldedStayId: m.foldedStayId,
            cancelledHolds: m.cancelledHolds,
            aliasCard: m.aliases.cardNo,
            aliasPhone: m.aliases.phone !== null,
            reason: input.reason,
          },
        },
        now,
      );
    })();
    return profileOf(ctx, input.keepId);
  },

  'residents.runRetention': (ctx) => {
    const { staff } = requireSession(ctx);
    return runRetention(ctx.db, readSetting(ctx.db, 'residents.retentionMonths'), ctx.now, { staffId: staff.id, staffName: staff.name });
  },

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
