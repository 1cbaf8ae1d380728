import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../../db/connection.js';
import { tempDir } from '../../helpers/tempDb.js';

const writer = fileURLToPath(new URL('../fixtures/crashWriter.ts', import.meta.url));

describe('a crash in the middle of writing', () => {
  it('loses no acknowledged write and leaves a file that passes integrity_check', async () => {
    const file = join(tempDir(), 'crash.db');
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acknowledged = 0;
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', () => resolve());
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) if (line) acknowledged = Number(line);
        if (acknowledged >= 500 && !child.killed) child.kill('SIGKILL');
      });
    });
    expect(child.signalCode).toBe('SIGKILL');
    expect(acknowledged).toBeGreaterThanOrEqual(500);

    const db = openDatabase(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const { n, maxId } = db.prepare('SELECT COUNT(*) AS n, MAX(id) AS maxId FROM crash_probe').get() as { n: number; maxId: number };
    // Every acknowledged id is there, with no gaps; at most the one in flight beyond it.
    expect(maxId).toBeGreaterThanOrEqual(acknowledged);
    expect(n).toBe(maxId);
    const missing = db.prepare('SELECT COUNT(*) AS n FROM crash_probe WHERE id <= ?').get(acknowledged) as { n: number };
    expect(missing.n).toBe(acknowledged);
    db.close();
  });
});
