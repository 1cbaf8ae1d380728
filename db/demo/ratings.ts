import type { Db } from '../connection.js';

/** A small deterministic generator, so the demo looks the same on every machine. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

const REASONS = ['wait', 'attitude', 'unclear', 'notSolved', 'paperwork'] as const;

const IDEAS: Array<{ text: string; status: 'new' | 'reviewing' | 'adopted' | 'declined' | 'implemented'; publicText?: string; answer?: string }> = [
  {
    text: '活动室能不能多放两张象棋桌，下午人多排不上。',
    status: 'implemented',
    publicText: '活动室增加象棋桌',
    answer: '已在活动室增加两张象棋桌，每天 14:00–17:00 开放。',
  },
  { text: '希望周末上午图书角也能开放。', status: 'adopted', publicText: '周末上午开放图书角', answer: '已采纳，从下月起周六上午 9:00–11:30 开放图书角。' },
  { text: '门口台阶加个扶手，雨天老人上下不安全。', status: 'implemented', publicText: '门口台阶加装扶手', answer: '扶手已于上周安装完毕，感谢提醒。' },
  { text: '叫号屏的字能不能再大一点。', status: 'adopted', publicText: '叫号屏字体放大', answer: '已将叫号屏调为大字模式。' },
  { text: '建议组织一次去二滩的一日游。', status: 'reviewing' },
  { text: '饮水机旁边放一些一次性杯子。', status: 'declined', answer: '为减少一次性用品，请您自带水杯；服务台可借用水杯。' },
  { text: '每月办一次健康讲座，讲讲高血压怎么吃饭。', status: 'new' },
  { text: '停车位太少，能否和旁边小区协调。', status: 'new' },
];

/**
 * 好差评 and 金点子 for the demo (issue 17.5, 17.6): the finished tickets (today's and the two seasons
 * of history) are given the demo staff member who served them, about 60 % are rated, the bad ones
 * with a reason and most of them followed up; eight suggestions in every state, the adopted ones
 * answered. Call after the queue and history seeders.
 */
export function seedRatingsDemo(db: Db, now: Date): void {
  const staff = (db.prepare('SELECT id FROM staff ORDER BY id').all() as Array<{ id: number }>).map((s) => s.id);
  if (!staff.length) return;
  const rnd = random(20261201);
  const tickets = db.prepare(`SELECT id, service_id, counter_id, finished_at, status FROM queue_tickets WHERE status IN ('finished', 'no_show') ORDER BY id`).all() as Array<{
    id: number;
    service_id: number;
    counter_id: number | null;
    finished_at: string | null;
    status: string;
  }>;
  const setServer = db.prepare('UPDATE queue_tickets SET served_by = ? WHERE id = ?');
  const setEvents = db.prepare(`UPDATE queue_ticket_events SET staff_id = ? WHERE ticket_id = ? AND kind IN ('called', 'recalled', 'finished', 'no_show')`);
  const rate = db.prepare(
    `INSERT INTO service_ratings (ticket_id, service_id, counter_id, staff_id, level, reasons, reason_text, source, rated_at, follow_up, followed_up_at, followed_up_by, follow_up_note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const t of tickets) {
    // Counter 1–2 mostly 李晓梅, the others mostly 王站长: the per-staff figures differ.
    const who = staff[(t.counter_id ?? 0) % 2 === 0 || rnd() < 0.2 ? staff.length - 1 : 0]!;
    setServer.run(who, t.id);
    setEvents.run(who, t.id);
    if (t.status !== 'finished' || !t.finished_at || t.counter_id === null || rnd() > 0.6) continue;
    const roll = rnd();
    const level = roll < 0.55 ? 5 : roll < 0.8 ? 4 : roll < 0.9 ? 3 : roll < 0.96 ? 2 : 1;
    const bad = level <= 2;
    const ratedAt = new Date(Date.parse(t.finished_at) + 60_000).toISOString();
    const done = bad && Date.parse(ratedAt) < now.getTime() - 2 * 86_400_000 && rnd() < 0.8;
    rate.run(
      t.id,
      t.service_id,
      t.counter_id,
      who,
      level,
      JSON.stringify(bad ? [REASONS[Math.floor(rnd() * REASONS.length)]] : []),
      bad && rnd() < 0.3 ? '等了很久没人解释' : null,
      t.id % 3 === 0 ? 'kiosk:host' : 'rater:0',
      ratedAt,
      bad ? (done ? 'done' : 'open') : null,
      done ? new Date(Date.parse(ratedAt) + 86_400_000).toISOString() : null,
      done ? staff[0]! : null,
      done ? '已电话回访致歉，说明了办理流程。' : null,
    );
  }

  const addIdea = db.prepare(
    `INSERT INTO suggestions (text, channel, status, answer, public_text, answered_at, answered_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const event = db.prepare('INSERT INTO suggestion_events (suggestion_id, kind, from_status, to_status, staff_id, at) VALUES (?, ?, ?, ?, ?, ?)');
  IDEAS.forEach((idea, i) => {
    // Half of them last season (the dashboard's 上一季 has figures too), half in the last weeks.
    const created = new Date(now.getTime() - (i % 2 === 0 ? 420 - i * 10 : 40 - i * 4) * 86_400_000);
    const at = (days: number) => new Date(created.getTime() + days * 86_400_000).toISOString();
    const answered = idea.answer ? at(3) : null;
    const id = Number(
      addIdea.run(idea.text, i % 4 === 3 ? 'desk' : 'kiosk', idea.status, idea.answer ?? null, idea.publicText ?? null, answered, answered ? staff[0]! : null, at(0), at(4))
        .lastInsertRowid,
    );
    event.run(id, 'submitted', null, 'new', null, at(0));
    const path: string[] =
      idea.status === 'implemented'
        ? ['reviewing', 'adopted', 'implemented']
        : idea.status === 'new'
          ? []
          : idea.status === 'reviewing'
            ? ['reviewing']
            : ['reviewing', idea.status];
    let from = 'new';
    path.forEach((to, k) => {
      event.run(id, 'status', from, to, staff[0]!, at(1 + k));
      from = to;
    });
    if (answered) event.run(id, 'answered', null, null, staff[0]!, answered);
  });
}
