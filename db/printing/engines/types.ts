import type { PaperSize } from '../paper.js';

export interface SystemPrinter {
  /** The system's name for it (CUPS queue, Windows printer name): what printing is addressed to. */
  name: string;
  displayName: string;
  isDefault: boolean;
}

/**
 * What turns HTML into paper or PDF on this machine. Serve mode and tests use Chromium (via
 * playwright-core) and CUPS; the desktop app injects Electron's own (electron/printing/).
 */
export interface PrintEngines {
  /** HTML → PDF bytes at exactly this size; a null height means as tall as the content. */
  renderPdf(html: string, size: PaperSize): Promise<Buffer>;
  /** Sends HTML to a system printer without any dialog. */
  printSystem(html: string, size: PaperSize, deviceName: string): Promise<void>;
  listPrinters(): Promise<SystemPrinter[]>;
  close(): Promise<void>;
}
