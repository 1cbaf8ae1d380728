import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fails, ok } from '../../helpers/tempDb.js';
import { center, ID } from './fixture.js';

/** Every byte SQLite wrote for this database: the main file and its write-ahead log. */
function fileBytes(file: string): Buffer {
  return Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
}

describe('erasure that erases (issue 11.6)', () => {
  it('after residents.anonymise the name, phone and ID ciphertext are nowhere in the database file or its WAL, and print jobs no longer name the person', async () => {
    const c = await center();
    const name = '欧阳秀英';
    const phone = '13988776655';
    const reg = await c.register({ name, phone, idNumber: ID('23070219560310001'), emergencyName: '欧阳建国', emergencyPhone: '13911112222' });
    const id = await c.idOf(reg.qrPayload);
    // Some history: the card printed twice, edits that rewrite the row, a loan with its slip.
    await c.staff('residents.printCard', { id });
    const loan = await c.staff<{ loan: { id: number } }>('loans.checkout', { residentId: id, unitId: c.units[0]!.id, depositFen: 20000, depositMethod: 'cash', print: true });
    await c.staff('loans.return', { loanId: loan.loan.id, condition: 'good', refundFen: 20000, print: true });
    // Others stay: their data must survive the scrub.
    await c.register({ name: '王秀兰', phone: '13900005555' });
    const cipher = (c.db.prepare('SELECT id_cipher FROM residents WHERE id = ?').get(id) as { id_cipher: string }).id_cipher;
    const needles = {
      name: Buffer.from(name),
      phone: Buffer.from(phone),
      phoneReversed: Buffer.from([...phone].reverse().join('')),
      cipher: Buffer.from(cipher.slice(3, 40)),
      emergency: Buffer.from('欧阳建国'),
    };
    c.db.pragma('wal_checkpoint(PASSIVE)');
    const before = fileBytes(c.file);
    for (const [what, bytes] of Object.entries(needles)) expect(before.includes(bytes), `${what} present before`).toBe(true);

    await c.staff('residents.anonymise', { id, deceased: false, reason: '本人要求删除' });

    const after = fileBytes(c.file);
    for (const [what, bytes] of Object.entries(needles)) expect(after.includes(bytes), `${what} left in the file`).toBe(false);
    expect(after.includes(Buffer.from('王秀兰'))).toBe(true);
    const jobs = c.db.prepare('SELECT job_type, payload FROM print_jobs ORDER BY id').all() as Array<{ job_type: string; payload: string }>;
    // Her two card prints (at registration and again), and her loan slips where a slip printer is set.
    const own = jobs.filter((j) => (j.job_type === 'serviceCard' || j.job_type === 'loanSlip') && !j.payload.includes('王秀兰'));
    expect(own.length).toBeGreaterThanOrEqual(2);
    for (const j of own) expect(j.payload).toBe('{"erased":true}');
    // Nothing left to print or preview again.
    const ids = c.db.prepare(`SELECT id, status FROM print_jobs WHERE payload = '{"erased":true}'`).all() as Array<{ id: number; status: string }>;
    for (const { id: jobId, status } of ids) {
      expect((await fails(c.api, 'printing.preview', { jobId }, c.token)).code).toBe('PRINT_JOB_ERASED');
      if (status === 'failed') expect((await fails(c.api, 'printing.retry', { id: jobId }, c.token)).code).toBe('PRINT_JOB_ERASED');
    }
    // The other resident's card job keeps its payload.
    expect(jobs.at(-1)!.payload).toContain('王秀兰');
    await ok(c.api, 'residents.kiosk.lookup', { phone: '13900005555' });
  });
});
