import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Log = (line: string) => void;

/**
 * Console plus a plain append-only file (logs/main.log in the data folder), so a technician can
 * read what happened on a kiosk after the fact. A failing disk must never take the app down.
 */
export function createFileLog(file: string, echo: Log = console.log): Log {
  let fileUsable = true;
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch {
    fileUsable = false;
  }
  return (line) => {
    const stamped = `${new Date().toISOString()} ${line}`;
    echo(stamped);
    if (!fileUsable) return;
    try {
      appendFileSync(file, stamped + '\n');
    } catch {
      fileUsable = false;
    }
  };
}
