import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { adminToken, fails, ok, tempApi } from '../helpers/tempDb.js';
import { mountAt } from '../helpers/mountScreen.js';
import { addResident } from '../unit/loans/fixtures.js';

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await flushPromises();
}

async function setup() {
  const t = tempApi();
  const token = await adminToken(t.api);
  const a = await ok(t.api, 'queue.saveService', { name: '政务代办', prefix: 'A', opensAt: '00:00', closesAt: '24:00' }, token);
  await ok(t.api, 'queue.saveService', { name: '健康体检', prefix: 'C', opensAt: '00:00', closesAt: '00:01' }, token);
  const counter = await ok(t.api, 'queue.saveCounter', { number: 3, name: '3号窗口', serviceIds: [a.id] }, token);
  return { ...t, token, counterId: counter.id as number };
}

describe('取号 at the kiosk', () => {
  it('shows the services with their lines, gives a number, and clears it when the visit ends', async () => {
    const { api } = await setup();
    const { wrapper, router } = await mountAt(api, '/kiosk/ticket');
    await settle();
    const closed = wrapper.get('[data-testid="service-C"]');
    expect(closed.attributes('disabled')).toBeDefined();
    expect(closed.text()).toContain('现在不办理');
    await wrapper.get('[data-testid="service-A"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="ticket-code"]').text()).toBe('A001');
    expect(wrapper.get('[data-testid="ticket-ahead"]').text()).toBe('0 人');
    await router.push('/kiosk');
    await settle();
    await router.push('/kiosk/ticket');
    await settle();
    expect(wrapper.find('[data-testid="ticket-result"]').exists()).toBe(false);
    wrapper.unmount();
  });
});

/** A USB scanner: the code's characters fast, then Enter, sent to the window (nothing has focus). */
function scan(code: string): void {
  for (const key of [...code, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
}

/** The machine's speech engine, recording what the kiosk said. */
function recordSpeech(): { spoken: string[]; restore(): void } {
  const spoken: string[] = [];
  const g = globalThis as Record<string, unknown>;
  const before = { synth: g.speechSynthesis, utterance: g.SpeechSynthesisUtterance };
  g.SpeechSynthesisUtterance = class {
    voice: unknown = null;
    lang = '';
    volume = 1;
    rate = 1;
    onend: (() => void) | null = null;
    onerror: (() => void) | null = null;
    constructor(public text: string) {}
  };
  g.speechSynthesis = {
    getVoices: () => [{ lang: 'zh-CN', name: 'zh' }],
    speak(u: { text: string; onend: (() => void) | null }) {
      if (u.text) spoken.push(u.text);
      setTimeout(() => u.onend?.(), 1);
    },
  };
  return {
    spoken,
    restore() {
      g.speechSynthesis = before.synth;
      g.SpeechSynthesisUtterance = before.utterance;
    },
  };
}

async function oldResident(db: Parameters<typeof addResident>[0], name: string) {
  const r = addResident(db, name);
  db.prepare('UPDATE residents SET birth_year = 1948 WHERE id = ?').run(r.id);
  return r;
}

describe('取号 with the service card (issue 12.7)', () => {
  it('reads a card scanned anywhere on the screen, greets the masked name, and a ticket then goes first', async () => {
    const { api, db, token } = await setup();
    await ok(api, 'settings.update', { values: { 'queue.priority': { enabled: true, minAge: 70, disability: true } } }, token);
    const lines = await ok(api, 'queue.lines');
    await ok(api, 'queue.take', { serviceId: lines[0].id }); // A001, someone without a card
    const me = await oldResident(db, '张建国');
    const { wrapper } = await mountAt(api, '/kiosk/ticket');
    await settle();
    expect(wrapper.find('input').exists()).toBe(false); // no field to tap first
    scan(me.qr);
    await settle();
    expect(wrapper.get('[data-testid="ticket-holder"]').text()).toBe('张*国，您好');
    expect(wrapper.get('[data-testid="ticket-card"]').text()).toContain('您可以优先办理');
    expect(wrapper.text()).not.toContain('HNR1');
    expect(wrapper.text()).not.toContain(me.cardNo);
    await wrapper.get('[data-testid="service-A"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="ticket-code"]').text()).toBe('A002');
    expect(wrapper.find('[data-testid="ticket-priority"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="ticket-ahead"]').text()).toBe('0 人');
    wrapper.unmount();
  });

  it('gives priority when the card is scanned after the tap too', async () => {
    const { api, db, token } = await setup();
    await ok(api, 'settings.update', { values: { 'queue.priority': { enabled: true, minAge: 70, disability: true } } }, token);
    const lines = await ok(api, 'queue.lines');
    await ok(api, 'queue.take', { serviceId: lines[0].id }); // A001
    const me = await oldResident(db, '王秀兰');
    const { wrapper } = await mountAt(api, '/kiosk/ticket');
    await settle();
    await wrapper.get('[data-testid="service-A"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="ticket-ahead"]').text()).toBe('1 人');
    expect(wrapper.text()).toContain('现在扫一下也可以优先办理');
    scan(me.qr);
    await settle();
    expect(wrapper.find('[data-testid="ticket-priority"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="ticket-ahead"]').text()).toBe('0 人');
    expect(wrapper.get('[data-testid="ticket-holder"]').text()).toContain('王*兰');
    expect((await ok(api, 'queue.callNext', { counterId: (await ok(api, 'queue.counters', {}, token))[0].id }, token)).current.code).toBe('A002');
    wrapper.unmount();
  });

  it('refuses what is not our card with a message, and takes a plain ticket', async () => {
    const { api } = await setup();
    const { wrapper } = await mountAt(api, '/kiosk/ticket');
    await settle();
    scan('HNR1:ZZZZZZZZ');
    await settle();
    expect(wrapper.get('[data-testid="ticket-card-wrong"]').text()).toBe('这不是本中心的服务卡，请换一张再扫；没有卡也可以直接点业务取号。');
    expect(wrapper.find('[data-testid="ticket-holder"]').exists()).toBe(false);
    expect(wrapper.text()).not.toContain('已读取');
    expect(wrapper.text()).not.toContain('ZZZZ');
    await wrapper.get('[data-testid="service-A"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="ticket-code"]').text()).toBe('A001');
    expect(wrapper.find('[data-testid="ticket-priority"]').exists()).toBe(false);
    wrapper.unmount();
  });
});

describe('找回我的号', () => {
  it('a resident whose ticket did not print scans the card and sees the number again; nobody else’s', async () => {
    const { api, db } = await setup();
    const me = addResident(db, '张建国');
    const other = addResident(db, '李秀英');
    const lines = await ok(api, 'queue.lines');
    const mine = await ok(api, 'queue.take', { serviceId: lines[0].id, cardPayload: me.qr });
    expect((await ok(api, 'queue.myTickets', { cardPayload: other.qr })).length).toBe(0);
    expect((await fails(api, 'queue.myTickets', { cardPayload: 'HNR1:ZZZZZZZZ' })).code).toBe('CARD_INVALID');

    const { wrapper } = await mountAt(api, '/kiosk/ticket');
    await settle();
    scan(me.qr);
    await settle();
    await wrapper.get(`[data-testid="mine-${mine.code}"]`).trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="ticket-code"]').text()).toBe(mine.code);
    expect(wrapper.text()).not.toContain('张建国');
    wrapper.unmount();
  });
});

describe('取号 with no ticket printer (issue 12.8)', () => {
  it('tells the resident in very large type to remember the number and says it', async () => {
    const { api } = await setup();
    const speech = recordSpeech();
    try {
      const { wrapper } = await mountAt(api, '/kiosk/ticket');
      await settle();
      await wrapper.get('[data-testid="service-A"]').trigger('click');
      await settle();
      expect(wrapper.find('[data-testid="print-status"]').exists()).toBe(false);
      expect(wrapper.get('[data-testid="ticket-remember"]').text()).toContain('请记住您的号码：A001');
      expect(wrapper.get('[data-testid="ticket-remember"]').text()).toContain('本机不打印号票');
      await expect.poll(() => speech.spoken.length).toBe(2);
      expect(speech.spoken[0]).toBe('您的号码是 A零零一，请记住您的号码。前面还有 0 人。');
      await wrapper.get('[data-testid="ticket-say-again"]').trigger('click');
      await expect.poll(() => speech.spoken.length).toBe(4);
      wrapper.unmount();
    } finally {
      speech.restore();
    }
  });
});

describe('the calling display', () => {
  it('shows a call pushed by the host and offers the one-time tap for sound', async () => {
    const { api, token, counterId } = await setup();
    const lines = await ok(api, 'queue.lines');
    await ok(api, 'queue.take', { serviceId: lines[0].id });
    const { wrapper } = await mountAt(api, '/display');
    await settle();
    expect(wrapper.find('[data-testid="display-unlock"]').exists()).toBe(true);
    await ok(api, 'queue.callNext', { counterId }, token);
    await settle();
    expect(wrapper.get('[data-testid="display-current-code"]').text()).toBe('A001');
    expect(wrapper.get('[data-testid="display-current-counter"]').text()).toBe('3号窗口');
    wrapper.unmount();
  });

  it('never lets a state answer that was on its way put the previous number back', async () => {
    const { api, token, counterId } = await setup();
    const lines = await ok(api, 'queue.lines');
    for (let i = 0; i < 2; i++) await ok(api, 'queue.take', { serviceId: lines[0].id });
    await ok(api, 'queue.callNext', { counterId }, token);
    // The same API, with the display's state answers held until the test lets them through.
    const held: Array<() => void> = [];
    const slow = Object.create(api) as typeof api;
    slow.call = async (operation, input, options) => {
      if (operation === 'queue.display' && held.length < 1) {
        const answer = await api.call(operation, input, options); // the state as it is now: A001 called
        await new Promise<void>((r) => held.push(r));
        return answer;
      }
      return api.call(operation, input, options);
    };
    const { wrapper } = await mountAt(slow, '/display');
    await settle();
    // A002 is called while the first answer (A001) is still on its way.
    await ok(api, 'queue.finish', { counterId }, token);
    await ok(api, 'queue.callNext', { counterId }, token);
    await settle();
    held[0]!();
    await settle();
    expect(wrapper.get('[data-testid="display-current-code"]').text()).toBe('A002');
    expect(wrapper.get('[data-testid="display-recent"]').text()).toContain('A001');
    wrapper.unmount();
  });
});
