import { formatCenterTime, localDate } from '../../localTime.js';
import type { Layout, PrintDocument } from '../types.js';
import { escapeHtml, pageHtml } from './blocks.js';

/**
 * 时间银行 对账单 on A4: a resident takes it to another center. Hours, points, tier, the ledger
 * history and — for 流动党员 — 主题党日 attendance (一人一档、一事一记), with the center's name and
 * the date it was printed. The name is in full (the person carries it), the phone is not on it.
 */
export interface PointsStatementData {
  name: string;
  cardNo: string;
  partyMember: boolean;
  joinedAt: string | null;
  minutes: number;
  balance: number;
  tierName: string;
  pointsPerHour: number;
  hours: Array<{ workedAt: string; minutes: number; source: 'activity' | 'manual'; points: number | null }>;
  history: Array<{ at: string; memo: string; amount: number; reversed: boolean }>;
  partyDays: Array<{ title: string; startsAt: string; attendedAt: string }>;
  /** Totals over the whole account (the tables show the newest lines only when long). */
  earned: number;
  spent: number;
}

const sample: PointsStatementData = {
  name: '张建华',
  cardNo: 'HN-2K7Q-9XMA',
  partyMember: true,
  joinedAt: '2026-10-05T02:00:00Z',
  minutes: 1530,
  balance: 175,
  tierName: '一星志愿者',
  pointsPerHour: 10,
  hours: [
    { workedAt: '2026-11-20T02:00:00Z', minutes: 180, source: 'manual', points: 30 },
    { workedAt: '2026-11-12T01:00:00Z', minutes: 120, source: 'activity', points: 20 },
  ],
  history: [
    { at: '2026-11-21T06:00:00Z', memo: '兑换 大米 5 斤×1', amount: -50, reversed: false },
    { at: '2026-11-20T02:00:00Z', memo: '补记工时 3 小时', amount: 30, reversed: false },
  ],
  partyDays: [{ title: '11 月主题党日：重温入党誓词', startsAt: '2026-11-15T01:00:00Z', attendedAt: '2026-11-15T00:55:00Z' }],
  earned: 255,
  spent: 80,
};

const css = `
.hn-page { height: auto !important; overflow: visible !important; }
tr { break-inside: avoid; }
.sheet { padding: 14mm 16mm; font-size: 10.5pt; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 1mm; }
.center { text-align: center; font-size: 12pt; font-weight: 700; }
.meta { text-align: center; color: #333; font-size: 9pt; margin: 0 0 5mm; }
h2 { font-size: 12pt; margin: 5mm 0 1.5mm; border-bottom: 0.3mm solid #333; padding-bottom: 0.8mm; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 0.2mm solid #999; padding: 1mm 1.6mm; text-align: left; }
th { background: #eef2f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.figures td { font-size: 11pt; }
.empty { color: #555; }
.sign { margin-top: 10mm; display: flex; justify-content: space-between; font-size: 10pt; }
.foot { color: #555; font-size: 8pt; margin-top: 4mm; }
`;

const hoursText = (m: number) => `${Math.floor(m / 60)} 小时${m % 60 ? ` ${m % 60} 分` : ''}`;

export const pointsStatementLayout: Layout<PointsStatementData> = {
  id: 'pointsStatement',
  jobType: 'report',
  label: '时间银行对账单（A4）',
  sample,
  render(d, ctx): PrintDocument {
    const day = (iso: string) => formatCenterTime(iso, ctx.timeZone, true);
    const printed = localDate(ctx.now, ctx.timeZone);
    const rows = (cells: string[][], empty: string, cols: number) =>
      cells.length ? cells.map((c) => `<tr>${c.join('')}</tr>`).join('') : `<tr><td class="empty" colspan="${cols}">${escapeHtml(empty)}</td></tr>`;
    const td = (v: string, num = false) => `<td${num ? ' class="num"' : ''}>${escapeHtml(v)}</td>`;
    const partySection = d.partyMember
      ? `<h2>主题党日参加记录（一人一档、一事一记）</h2><table><thead><tr><th>活动</th><th>活动时间</th><th>签到时间</th></tr></thead><tbody>${rows(
          d.partyDays.map((p) => [td(p.title), td(day(p.startsAt)), td(day(p.attendedAt))]),
          '本中心暂无主题党日签到记录',
          3,
        )}</tbody></table>`
      : '';
    const body = `<div class="sheet">
<div class="center">${escapeHtml(ctx.center.name)}</div>
<h1>时间银行对账单</h1>
<p class="meta">打印日期 ${escapeHtml(printed)} · 服务热线 ${escapeHtml(ctx.center.hotline)}</p>
<table class="figures"><tbody>
<tr><th>姓名</th>${td(d.name)}<th>服务卡号</th>${td(d.cardNo)}</tr>
<tr><th>志愿服务时长</th>${td(hoursText(d.minutes))}<th>星级</th>${td(d.tierName)}</tr>
<tr><th>积分余额</th>${td(`${d.balance} 分`)}<th>累计获得 / 已兑换</th>${td(`${d.earned} 分 / ${d.spent} 分`)}</tr>
<tr><th>登记为志愿者</th>${td(d.joinedAt ? day(d.joinedAt).slice(0, 10) : '—')}<th>积分规则</th>${td(`每服务 1 小时 ${d.pointsPerHour} 分`)}</tr>
</tbody></table>
<h2>服务时长记录</h2>
<table><thead><tr><th>日期</th><th>来源</th><th>时长</th><th>积分</th></tr></thead><tbody>${rows(
      d.hours.map((h) => [
        td(day(h.workedAt).split(' ')[0]!),
        td(h.source === 'activity' ? '活动签到' : '补记（已审批）'),
        td(hoursText(h.minutes)),
        td(h.points === null ? '—' : `${h.points} 分`, true),
      ]),
      '暂无服务时长记录',
      4,
    )}</tbody></table>
<h2>积分明细</h2>
<table><thead><tr><th>时间</th><th>事项</th><th>积分</th></tr></thead><tbody>${rows(
      d.history.map((h) => [td(day(h.at)), td(h.memo + (h.reversed ? '（已撤销）' : '')), td(`${h.amount > 0 ? '+' : ''}${h.amount}`, true)]),
      '暂无积分记录',
      3,
    )}</tbody></table>
${partySection}
<div class="sign"><span>经办人：__________</span><span>${escapeHtml(ctx.center.name)}（盖章）</span></div>
<p class="foot">本对账单由${escapeHtml(ctx.center.name)}出具，数据截至 ${escapeHtml(printed)}。积分余额以各笔记录合计为准。</p>
</div>`;
    return { kind: 'page', title: `时间银行对账单-${d.name}`, paper: 'a4', html: pageHtml({ paper: 'a4', title: '时间银行对账单', body, css }) };
  },
};
