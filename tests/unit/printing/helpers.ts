import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { escposCommands } from '../../../db/printing/escpos.js';

/** A stand-in network thermal printer on 127.0.0.1: answers the status query, records every byte. */
export async function fakePrinter(mode: 'ok' | 'silent' = 'ok'): Promise<{ port: number; bytes(): Buffer; connections: number; close(): Promise<void> }> {
  const chunks: Buffer[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    if (mode === 'silent') {
      socket.pause(); // accepts, never reads, never answers: a wedged printer
      return;
    }
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (chunk.includes(Buffer.from(escposCommands.statusQuery))) socket.write(Buffer.from([0x12])); // online
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    bytes: () => Buffer.concat(chunks),
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A port nothing listens on (bound, then closed). */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** PDF → 300 dpi PNG (pdftoppm) → QR payloads (zbarimg) and the PDF's text (pdftotext). */
export function inspectPdf(pdf: Buffer, dir: string, name: string): { qr: string[]; text: string; png: string } {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', file, join(dir, name)]);
  const png = join(dir, `${name}.png`);
  let qr: string[];
  try {
    qr = execFileSync('zbarimg', ['--raw', '-q', png], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim()
      .split('\n')
      .filter(Boolean);
  } catch {
    qr = [];
  }
  const text = execFileSync('pdftotext', [file, '-']).toString();
  return { qr, text, png };
}
