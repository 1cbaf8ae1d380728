import { describe, expect, it } from 'vitest';
import { adminToken, ok, tempApi } from '../helpers/tempDb.js';
import { mountSignedIn, settle } from '../helpers/mountScreen.js';
import { addResident } from '../unit/activities/helpers.js';

describe('活动报名 staff page', () => {
  it('代报名: staff find residents without a card and sign up a group; the refused member is named, the rest hold places or wait', async () => {
    const { api, db } = tempApi();
    const token = await adminToken(api);
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await ok(
      api,
      'activities.save',
      { title: '合唱排练', type: 'culture_sports', place: '文化站', day, from: '09:00', to: '10:00', capacity: 2, rules: [{ kind: 'minAge', age: 60 }] },
      token,
    );
    addResident(db, 1, { name: '王桂兰', birthYear: 1950 });
    addResident(db, 2, { name: '王小明', birthYear: 1995 });
    addResident(db, 3, { name: '王淑芬', birthYear: 1952 });
    addResident(db, 4, { name: '王德顺', birthYear: 1948 });
    const { wrapper } = await mountSignedIn(api, '/staff/activities');
    await settle(12);
    await wrapper.get('[data-testid="activity-open"]').trigger('click');
    await settle(12);
    await wrapper.get('[data-testid="proxy-query"]').setValue('王');
    await wrapper.get('[data-testid="proxy"] form').trigger('submit');
    await settle(12);
    const picks = wrapper.findAll('[data-testid="proxy-pick"]');
    expect(picks).toHaveLength(4);
    for (const p of picks) await p.trigger('click');
    await wrapper.get('[data-testid="proxy-submit"]').trigger('click');
    await settle(16);
    const lines = wrapper.findAll('[data-testid="proxy-outcomes"] li').map((li) => li.text());
    expect(lines).toHaveLength(4);
    expect(lines.filter((l) => l.includes('已报名'))).toHaveLength(2);
    expect(lines.filter((l) => l.includes('候补 1'))).toHaveLength(1);
    expect(lines.find((l) => l.startsWith('王小明'))).toContain('只限 60 岁及以上');
    expect(wrapper.findAll('[data-testid="signup-row"]')).toHaveLength(3);
    expect(wrapper.get('[data-testid="detail-figures"]').text()).toContain('有名额 2 · 候补 1');
    wrapper.unmount();
  }, 60_000);
});
