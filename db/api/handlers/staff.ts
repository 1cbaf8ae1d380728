import { recordAudit } from '../../audit.js';
import { checkPin, chooseNewPin, createStaff, hasAnyStaff, listAccounts, listStaff, newRecoveryCode, recoverWithCode, resetPin, setUpAdmin, updateStaff } from '../../staff.js';
import { recentFailures, sourceOf } from '../../terminals/throttle.js';
import type { StaffAccount, staffOperations } from '../contract/staff.js';
import type { Session } from '../sessions.js';
import { requireSession, type CallContext, type Handlers } from './types.js';

const toWire = (s: Session) => ({ token: s.token, staff: s.staff, expiresAt: new Date(s.expiresAt).toISOString() });
const open = (ctx: CallContext, account: StaffAccount) => toWire(ctx.sessions.open(account, ctx.now.getTime()));

export const staffHandlers: Handlers<keyof typeof staffOperations> = {
  'staff.status': ({ db }) => ({ setUp: hasAnyStaff(db), accounts: listStaff(db) }),
  'staff.setup': (ctx, input) => {
    const { account, recoveryCode } = ctx.db.transaction(() => {
      const made = setUpAdmin(ctx.db, input, ctx.now);
      recordAudit(ctx.db, { staffId: made.account.id, action: 'staff.setup', subject: `staff:${made.account.id}` }, ctx.now);
      return made;
    })();
    return { ...open(ctx, account), recoveryCode };
  },
  'staff.login': (ctx, { staffId, pin }) => open(ctx, checkPin(ctx.db, staffId, pin, sourceOf(ctx.caller), ctx.now)),
  'staff.choosePin': (ctx, { staffId, pin }) => open(ctx, chooseNewPin(ctx.db, staffId, pin, sourceOf(ctx.caller), ctx.now)),
  'staff.recover': (ctx, input) => {
    const { account, recoveryCode } = recoverWithCode(ctx.db, input, sourceOf(ctx.caller), ctx.now);
    return { ...open(ctx, account), recoveryCode };
  },
  'staff.logout': (ctx) => {
    ctx.sessions.close(requireSession(ctx).token);
    return { ok: true as const };
  },
  'staff.me': (ctx) => requireSession(ctx).staff,
  'staff.list': (ctx) => listAccounts(ctx.db),
  'staff.create': (ctx, input) => {
    const by = requireSession(ctx).staff;
    return ctx.db.transaction(() => {
      const a = createStaff(ctx.db, input, ctx.now);
      recordAudit(ctx.db, { staffId: by.id, action: 'staff.create', subject: `staff:${a.id}`, detail: { role: a.role, pinChosenLater: input.pin === undefined } }, ctx.now);
      return a;
    })();
  },
  'staff.update': (ctx, { id, role, active }) => {
    const updated = updateStaff(ctx.db, requireSession(ctx).staff.id, id, { role, active }, ctx.now);
    // Sessions carry the role they were opened with: a changed or disabled account signs in again.
    ctx.sessions.closeFor(id);
    return updated;
  },
  'staff.resetPin': (ctx, { id }) => {
    const updated = resetPin(ctx.db, requireSession(ctx).staff.id, id, ctx.now);
    ctx.sessions.closeFor(id);
    return updated;
  },
  'staff.newRecoveryCode': (ctx) => {
    const me = requireSession(ctx).staff;
    return ctx.db.transaction(() => {
      const recoveryCode = newRecoveryCode(ctx.db, me.id);
      recordAudit(ctx.db, { staffId: me.id, action: 'staff.newRecoveryCode', subject: `staff:${me.id}` }, ctx.now);
      return { recoveryCode };
    })();
  },
  'staff.failures': (ctx) => recentFailures(ctx.db, ['pin', 'recovery']),
};
