/**
 * The operation names reach the sandboxed preload as a command-line switch (webPreferences.
 * additionalArguments): the preload can refuse unknown operations without bundling the contract
 * and zod, and the contract stays the only list. No imports: this file is bundled into the preload.
 */
export const OPERATIONS_SWITCH = '--houniao-operations=';

export function operationsSwitch(names: readonly string[]): string {
  return OPERATIONS_SWITCH + names.join(',');
}

/** The names passed by the main process; empty (so every call is refused) when the switch is missing. */
export function readOperationsSwitch(argv: readonly string[]): ReadonlySet<string> {
  const arg = argv.find((a) => a.startsWith(OPERATIONS_SWITCH));
  return new Set(arg ? arg.slice(OPERATIONS_SWITCH.length).split(',').filter(Boolean) : []);
}
