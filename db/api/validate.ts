import type { z } from 'zod';
import { ApiError, fieldMessageCatalog, fillTemplate, isFieldMessageKey, type FieldError, type FieldMessageKey } from '../errors/index.js';

/** Picks the person-facing message for one zod issue: the schema's own key, else one from the issue's kind. */
function messageKeyFor(issue: z.core.$ZodIssue): { key: FieldMessageKey; params: Record<string, string | number> } {
  if (isFieldMessageKey(issue.message)) return { key: issue.message, params: {} };
  if (issue.code === 'invalid_type' && issue.input === undefined) return { key: 'required', params: {} };
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) return { key: 'required', params: {} };
  if (issue.code === 'too_big' && issue.origin === 'string') return { key: 'tooLong', params: { max: Number(issue.maximum) } };
  return { key: 'invalid', params: {} };
}

/** Parses input with the operation's schema; a failure becomes VALIDATION_FAILED naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const fields: FieldError[] = result.error.issues.map((issue) => {
    const { key, params } = messageKeyFor(issue);
    const entry = fieldMessageCatalog[key];
    return { path: issue.path.map(String).join('.'), key, zh: fillTemplate(entry.zh, params), en: fillTemplate(entry.en, params) };
  });
  throw new ApiError('VALIDATION_FAILED', {}, fields);
}

/** A rule only the domain can check (it needs the database or the clock), reported like a schema's. */
export function fieldInvalid(path: string, key: FieldMessageKey): ApiError {
  const entry = fieldMessageCatalog[key];
  return new ApiError('VALIDATION_FAILED', {}, [{ path, key, zh: entry.zh, en: entry.en }]);
}
