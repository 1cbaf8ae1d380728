/** A printing failure a person can act on: the message is Chinese and names what to check. */
export class PrintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrintError';
  }
}

/** Turns anything thrown while printing into the reason staff read in 打印记录. */
export function reasonOf(err: unknown): string {
  if (err instanceof PrintError) return err.message;
  const text = err instanceof Error ? err.message : String(err);
  return `打印出错：${text.slice(0, 200)}`;
}
