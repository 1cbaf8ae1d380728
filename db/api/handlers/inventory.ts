import { recordAudit } from '../../audit.js';
import { categoryCounts, publicAvailability } from '../../inventory/availability.js';
import { createCategory, listCategories, updateCategory } from '../../inventory/categories.js';
import { issueConsumable, listIssues, restock } from '../../inventory/consumables.js';
import { addUnits, findUnitByCode, getUnit, listUnits, markRepaired, retireUnit, sendToRepair, setLocation, type Unit } from '../../inventory/units.js';
import type { AssetLabelData } from '../../printing/layouts/assetLabel.js';
import type { inventoryOperations } from '../contract/inventory.js';
import { requireSession, type CallContext, type Handlers } from './types.js';

/** All the labels in one job, one sticker per page: one PDF, one line in 打印记录, one 重试. */
function printLabels(ctx: CallContext, units: Unit[]): number[] {
  const data: AssetLabelData = { labels: units.map((u) => ({ assetTag: u.assetTag, categoryName: u.categoryName })) };
  return [ctx.print.submit({ jobType: 'assetLabel', layoutId: 'assetLabel', data }).jobId];
}

function audited<T>(ctx: CallContext, action: string, subject: string, detail: unknown, change: () => T): T {
  const staffId = requireSession(ctx).staff.id;
  const result = ctx.db.transaction(() => {
    const out = change();
    recordAudit(ctx.db, { staffId, action, subject, detail }, ctx.now);
    return out;
  })();
  ctx.emit({ type: 'loans.changed' });
  return result;
}

export const inventoryHandlers: Handlers<keyof typeof inventoryOperations> = {
  'inventory.available': ({ db, now }) => publicAvailability(db, now),
  'inventory.categories': ({ db, now }) => {
    const counts = new Map(categoryCounts(db, now).map((c) => [c.categoryId, c]));
    return listCategories(db).map((c) => {
      const { categoryId: _id, name: _n, kind: _k, ...n } = counts.get(c.id)!;
      return { ...c, ...n };
    });
  },
  'inventory.createCategory': (ctx, input) => audited(ctx, 'inventory.createCategory', input.name, input, () => createCategory(ctx.db, input, ctx.now)),
  'inventory.updateCategory': (ctx, { id, ...input }) => audited(ctx, 'inventory.updateCategory', `category:${id}`, input, () => updateCategory(ctx.db, id, input, ctx.now)),
  'inventory.units': ({ db, now }, input) => listUnits(db, input, now),
  'inventory.unit': ({ db, now }, { code }) => findUnitByCode(db, code, now),
  'inventory.addUnits': (ctx, input) =>
    audited(ctx, 'inventory.addUnits', `category:${input.categoryId}`, { count: input.count, location: input.location }, () => {
      const units = addUnits(ctx.db, input, ctx.now);
      return { units, jobIds: input.printLabels ? printLabels(ctx, units) : [] };
    }),
  // Every unit is looked up before anything is queued: one unknown id prints nothing.
  'inventory.printLabels': (ctx, { unitIds }) => {
    const units = [...new Set(unitIds)].map((id) => getUnit(ctx.db, id, ctx.now));
    return { jobIds: printLabels(ctx, units) };
  },
  'inventory.retireUnit': (ctx, { unitId, reason }) => audited(ctx, 'inventory.retire', `unit:${unitId}`, { reason }, () => retireUnit(ctx.db, unitId, reason, ctx.now)),
  'inventory.sendToRepair': (ctx, { unitId, note }) => audited(ctx, 'inventory.repair', `unit:${unitId}`, { note }, () => sendToRepair(ctx.db, unitId, note, ctx.now)),
  'inventory.markRepaired': (ctx, { unitId }) => audited(ctx, 'inventory.repaired', `unit:${unitId}`, undefined, () => markRepaired(ctx.db, unitId, ctx.now)),
  'inventory.setLocation': (ctx, { unitId, location }) =>
    audited(ctx, 'inventory.setLocation', `unit:${unitId}`, { location }, () => setLocation(ctx.db, unitId, location, ctx.now)),
  'inventory.issue': (ctx, input) => {
    const staffId = requireSession(ctx).staff.id;
    const result = ctx.db
      .transaction(() => {
        const out = issueConsumable(ctx.db, { ...input, staffId }, ctx.now);
        recordAudit(ctx.db, { staffId, action: 'inventory.issue', subject: `category:${input.categoryId}`, detail: { ...input, amountFen: out.amountFen } }, ctx.now);
        return out;
      })
      .immediate();
    ctx.emit({ type: 'loans.changed' }); // the kiosk's 可借物资 shows the stock
    return result;
  },
  'inventory.restock': (ctx, input) => {
    const staffId = requireSession(ctx).staff.id;
    return audited(ctx, 'inventory.restock', `category:${input.categoryId}`, input, () => restock(ctx.db, { ...input, staffId }, ctx.now));
  },
  'inventory.issues': ({ db }, { categoryId }) => listIssues(db, categoryId),
};
