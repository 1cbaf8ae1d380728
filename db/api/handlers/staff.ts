import { recordAudit } from '../../audit.js';
import { checkPin, createStaff, hasAnyStaff, listStaff, setUpAdmin } from '../../staff.js';
import type { staffOperations } from '../contract/staff.js';
import type { Session } from '../sessions.js';
import { requireSession, type Handlers } from './types.js';

const toWire = (s: Session) => ({ token: s.token, staff: s.staff, expiresAt: new Date(s.expiresAt).toISOString() });

export const staffHandlers: Handlers<keyof typeof staffOperations> = {
  'staff.status': ({ db }) => ({ setUp: hasAnyStaff(db), accounts: listStaff(db) }),
  'staff.setup': (ctx, input) => {
    const account = ctx.db.transaction(() => {
      const a = setUpAdmin(ctx.db, input, ctx.now);
      recordAudit(ctx.db, { staffId: a.id, action: 'staff.setup', subject: `staff:${a.id}` }, ctx.now);
      return a;
    })();
    return toWire(ctx.sessions.open(account, ctx.now.getTime()));
  },
  'staff.login': (ctx, { staffId, pin }) => {
    const account = checkPin(ctx.db, staffId, pin, ctx.now);
    return toWire(ctx.sessions.open(account, ctx.now.getTime()));
  },
  'staff.logout': (ctx) => {
    ctx.sessions.close(requireSession(ctx).token);
    return { ok: true as const };
  },
  'staff.me': (ctx) => requireSession(ctx).staff,
  'staff.create': (ctx, input) => {
    const by = requireSession(ctx).staff;
    return ctx.db.transaction(() => {
      const a = createStaff(ctx.db, input, ctx.now);
      recordAudit(ctx.db, { staffId: by.id, action: 'staff.create', subject: `staff:${a.id}`, detail: { role: a.role } }, ctx.now);
      return a;
    })();
  },
};
