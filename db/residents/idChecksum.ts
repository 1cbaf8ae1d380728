import { provinceCodes } from './regions.js';

/**
 * 居民身份证号码 (GB 11643-1999): checksum and the facts the number carries. Pure (no Node
 * APIs) so the contract's schemas can use it.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export interface IdFacts {
  birthYear: number;
  birthDate: string;
  sex: 'M' | 'F';
  provinceCode: string;
}

export function normaliseIdNumber(raw: string): string {
  return raw.replace(/\s/g, '').toUpperCase();
}

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** The facts a valid 18-digit ID number carries, or null when it is not a possible ID number. */
export function parseIdNumber(raw: string, today = new Date()): IdFacts | null {
  const id = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return null;
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return null;
  const provinceCode = id.slice(0, 2);
  if (!provinceCodes.has(provinceCode)) return null;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 1900 || date.getTime() > today.getTime()) return null;
  return {
    birthYear: y,
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'M' : 'F',
    provinceCode,
  };
}

/** 110***********1234: the only form an ID number takes on a screen or on paper. */
export function maskIdNumber(raw: string): string {
  const id = normaliseIdNumber(raw);
  return `${id.slice(0, 3)}${'*'.repeat(Math.max(0, id.length - 7))}${id.slice(-4)}`;
}
