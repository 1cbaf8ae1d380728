import { randomBytes } from 'node:crypto';
import { ApiError } from '../errors/index.js';
import type { ApplyResult } from './apply.js';
import type { Analysis } from './dryRun.js';
import { MAX_FILE_BYTES, type RawTable } from './table.js';

/**
 * Uploaded rosters held on the host between the steps (upload → mapping → dry run → import):
 * in memory only, for the staff member who uploaded them, for two hours. A restart forgets them
 * (the file is still on the desk's PC). The file arrives in pieces so no request is large.
 */
export interface Upload {
  id: string;
  staffId: number;
  fileName: string;
  parts: Buffer[];
  size: number;
  table: RawTable | null;
  result: ApplyResult | null;
  /** The last dry run and the mapping it used (JSON): the import applies exactly what was shown. */
  dryRun: { mapping: string; analysis: Analysis } | null;
  touchedAt: number;
}

const TTL_MS = 2 * 60 * 60 * 1000;
const MAX_UPLOADS = 20;
const uploads = new Map<string, Upload>();

function sweep(now: number): void {
  for (const [id, u] of uploads) if (now - u.touchedAt > TTL_MS) uploads.delete(id);
  while (uploads.size > MAX_UPLOADS) uploads.delete(uploads.keys().next().value!);
}

export function startUpload(staffId: number, fileName: string, now = Date.now()): Upload {
  sweep(now);
  const u: Upload = { id: randomBytes(12).toString('base64url'), staffId, fileName, parts: [], size: 0, table: null, result: null, dryRun: null, touchedAt: now };
  uploads.set(u.id, u);
  return u;
}

export function getUpload(id: string, staffId: number, now = Date.now()): Upload {
  const u = uploads.get(id);
  if (!u || u.staffId !== staffId || now - u.touchedAt > TTL_MS) throw new ApiError('IMPORT_EXPIRED');
  u.touchedAt = now;
  return u;
}

export function appendPart(u: Upload, part: Buffer): void {
  if (u.table) throw new ApiError('IMPORT_EXPIRED');
  u.size += part.length;
  if (u.size > MAX_FILE_BYTES) {
    uploads.delete(u.id);
    throw new ApiError('IMPORT_FILE_TOO_LARGE', { maxMb: MAX_FILE_BYTES / 1024 / 1024 });
  }
  u.parts.push(part);
}

/** Puts a read upload (back) in the store. */
export function keepUpload(u: Upload, now = Date.now()): void {
  u.touchedAt = now;
  uploads.set(u.id, u);
}

export function dropUpload(id: string): void {
  uploads.delete(id);
}
