import type { z } from 'zod';
import type { ErrorCode } from '../../errors/index.js';

/**
 * Who may call an operation. `public` needs nothing (kiosk and display screens); `staff` and
 * `admin` need a signed-in staff session.
 */
export type Role = 'public' | 'staff' | 'admin';

export interface OperationDef<I extends z.ZodType = z.ZodType, O = unknown> {
  summary: string;
  input: I;
  role: Role;
  /** The error codes this operation may return besides VALIDATION_FAILED / UNAUTHENTICATED / INTERNAL. */
  errors: readonly ErrorCode[];
  /** Phantom: carries the output type; never set at run time. */
  readonly __output?: O;
}

/** Declares one operation: `defineOp<Output>()({ summary, input, role, errors })`. */
export const defineOp =
  <O>() =>
  <I extends z.ZodType>(def: { summary: string; input: I; role: Role; errors?: readonly ErrorCode[] }): OperationDef<I, O> => ({
    errors: [],
    ...def,
  });
