import type { Layout, LayoutContext, PrintDocument } from '../types.js';

/** 活动报名凭条 (issue 18.3): what, when, where, what to bring — and the masked name only. */
export interface ActivitySlipData {
  title: string;
  typeLabel: string;
  /** 'confirmed' → 报名成功; 'waitlisted' → 候补第 N 位. */
  status: 'confirmed' | 'waitlisted';
  waitlistPlace: number | null;
  maskedName: string;
  /** Local '12月3日 09:00–11:00'. */
  when: string;
  place: string;
  notes: string;
  signedUpLocal: string;
}

const sample: ActivitySlipData = {
  title: '65 岁以上免费健康体检',
  typeLabel: '健康体检',
  status: 'confirmed',
  waitlistPlace: null,
  maskedName: '张*国',
  when: '12月3日 08:00–10:30',
  place: '健康小屋',
  notes: '请空腹，带上身份证和服务卡。',
  signedUpLocal: '2026-12-01 10:12',
};

export const activitySlipLayout: Layout<ActivitySlipData> = {
  id: 'activitySlip',
  jobType: 'ticket',
  label: '活动报名凭条',
  sample,
  render(data, ctx: LayoutContext): PrintDocument {
    const state = data.status === 'confirmed' ? '报名成功' : `候补第 ${data.waitlistPlace ?? '?'} 位`;
    return {
      kind: 'receipt',
      title: `活动报名凭条 ${data.title}`,
      blocks: [
        { kind: 'text', text: ctx.center.name, align: 'center', bold: true },
        { kind: 'text', text: '活动报名凭条', align: 'center' },
        { kind: 'text', text: data.title, align: 'center', size: 'large', bold: true },
        // 报名成功 fits 58 mm paper in the huge size; 候补第 12 位 needs the large one.
        { kind: 'text', text: state, align: 'center', size: data.status === 'confirmed' ? 'huge' : 'large', bold: true },
        { kind: 'divider' },
        {
          kind: 'pairs',
          rows: [
            ['报名人', data.maskedName],
            ['类别', data.typeLabel],
            ['时间', data.when],
            ['地点', data.place],
            ['报名时间', data.signedUpLocal],
          ],
        },
        ...(data.notes ? [{ kind: 'divider' as const }, { kind: 'text' as const, text: `注意：${data.notes}`, bold: true }] : []),
        ...(data.status === 'waitlisted' ? [{ kind: 'text' as const, text: '有名额空出时，工作人员会电话通知您。', align: 'center' as const }] : []),
        { kind: 'text', text: '如不能参加，请扫卡取消，把名额留给别人。', align: 'center' },
        { kind: 'text', text: `服务热线 ${ctx.center.hotline}`, align: 'center' },
        { kind: 'feed', lines: 2 },
      ],
    };
  },
};
