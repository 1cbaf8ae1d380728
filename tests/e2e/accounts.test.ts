import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANDSCAPE, screenshot, watchErrors, e2eSuite } from './harness.js';

const suite = e2eSuite();

describe('sign-in safety and 账号管理 in Chromium', () => {
  it('shows the recovery code once at setup, saves it, and lets the locked-out manager back in with it', async () => {
    const page = await suite.browser.newPage({ viewport: LANDSCAPE, acceptDownloads: true });
    const errors = watchErrors(page);
    await page.goto(`${suite.serve.url}/staff`);
    await page.getByTestId('setup-name').fill('王站长');
    await page.getByTestId('pin-input').fill('135790');
    await page.getByTestId('pin-again').fill('135790');
    await page.getByTestId('pin-submit').click();
    await page.getByTestId('dashboard').waitFor();
    const code = (await page.getByTestId('recovery-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    await screenshot(page, 'staff-recovery-code');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('recovery-save').click()]);
    expect(download.suggestedFilename()).toBe('候鸟驿站-恢复码-王站长.txt');
    expect(readFileSync((await download.path())!, 'utf8')).toContain(`恢复码：${code}`);
    await page.getByTestId('recovery-done').click();
    await page.getByTestId('recovery-notice').waitFor({ state: 'detached' });

    // 账号管理: add a colleague who chooses her own PIN.
    await page.getByTestId('nav-staff-accounts').click();
    await page.getByTestId('account-name').fill('李晓梅');
    await page.getByTestId('account-create').click();
    await page.getByText('已添加“李晓梅”。').waitFor();
    await page.getByText('待本人设置新密码').waitFor();
    expect(await page.getByTestId('account-why-1').textContent()).toContain('最后一位在用的管理员');
    await screenshot(page, 'staff-accounts');

    // Locked out on the host by wrong PINs...
    await page.getByTestId('logout').click();
    for (let i = 1; i <= 5; i++) {
      await page.getByTestId('pin-input').fill('000000');
      await page.getByTestId('pin-submit').click();
      await page.getByText(i < 5 ? `还可以再试 ${5 - i} 次` : '密码错误次数过多').waitFor();
    }
    // ...and back in with the recovery code, which then is replaced by a new one.
    await page.getByTestId('pin-forgot').click();
    await page.getByTestId('recovery-input').fill(code.toLowerCase());
    await page.getByTestId('pin-input').fill('8642');
    await page.getByTestId('pin-again').fill('8642');
    await page.getByTestId('pin-submit').click();
    // Signed in again — after a sign-out the console starts from the manager's home (统计报表) —
    // with the next code on top.
    await page.getByTestId('reports-page').waitFor();
    const next = (await page.getByTestId('recovery-code').textContent())!.trim();
    expect(next).not.toBe(code);
    expect(errors.filter((e) => !e.includes('status of 4'))).toEqual([]);
    await page.close();
  });
});
