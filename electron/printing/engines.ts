import type { BrowserWindow as BrowserWindowType } from 'electron';
import { PrintError } from '../../db/printing/errors.js';
import type { PrintEngines, SystemPrinter } from '../../db/printing/engines/types.js';
import type { PaperSize } from '../../db/printing/paper.js';

const CSS_PX_PER_MM = 96 / 25.4;

/** What this module needs from `electron`, passed in so it can be unit-tested with a stand-in. */
export interface ElectronPrintDeps {
  BrowserWindow: typeof BrowserWindowType;
}

/**
 * The desktop app's print engines: a hidden window per job loads the layout's HTML, then
 * `webContents.print({ silent: true, deviceName, pageSize in microns, margins none })` — without
 * pageSize Electron sends A4 — or `printToPDF` for PDF targets and 保存为 PDF.
 * Call from electron/main.ts: `startHost({ ..., printEngines: createElectronPrintEngines({ BrowserWindow }) })`.
 */
export function createElectronPrintEngines({ BrowserWindow }: ElectronPrintDeps): PrintEngines {
  /** Loads the document in a hidden, isolated window and measures a receipt's height. */
  async function withDocument<T>(html: string, size: PaperSize, use: (win: BrowserWindowType, heightMm: number) => Promise<T>): Promise<T> {
    const win = new BrowserWindow({
      show: false,
      width: Math.ceil(size.widthMm * CSS_PX_PER_MM),
      height: 800,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, partition: 'printing', offscreen: false },
    });
    try {
      await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`);
      await win.webContents.executeJavaScript('document.fonts.ready.then(() => true)');
      const heightMm = size.heightMm ?? Math.ceil(Number(await win.webContents.executeJavaScript('document.body.getBoundingClientRect().height')) / CSS_PX_PER_MM) + 1;
      return await use(win, heightMm);
    } finally {
      win.destroy();
    }
  }

  return {
    renderPdf(html, size) {
      return withDocument(html, size, async (win, heightMm) =>
        Buffer.from(
          await win.webContents.printToPDF({
            // printToPDF takes inches.
            pageSize: { width: size.widthMm / 25.4, height: heightMm / 25.4 },
            margins: { top: 0, bottom: 0, left: 0, right: 0 },
            printBackground: true,
          }),
        ),
      );
    },
    printSystem(html, size, deviceName) {
      return withDocument(
        html,
        size,
        (win, heightMm) =>
          new Promise<void>((resolve, reject) => {
            win.webContents.print(
              {
                silent: true,
                deviceName,
                printBackground: true,
                // webContents.print takes microns.
                pageSize: { width: Math.round(size.widthMm * 1000), height: Math.round(heightMm * 1000) },
                margins: { marginType: 'none' },
              },
              (success, failureReason) =>
                success ? resolve() : reject(new PrintError(`系统打印机“${deviceName}”没有完成打印（${failureReason || '未知原因'}），请检查打印机是否开机、有纸。`)),
            );
          }),
      );
    },
    async listPrinters(): Promise<SystemPrinter[]> {
      const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, partition: 'printing' } });
      try {
        const printers = await win.webContents.getPrintersAsync();
        return printers.map((p) => {
          const options = (p.options ?? {}) as Record<string, string>;
          return { name: p.name, displayName: p.displayName || p.name, isDefault: options['is-default'] === 'true' || (p as { isDefault?: boolean }).isDefault === true };
        });
      } finally {
        win.destroy();
      }
    },
    async close() {
      // Windows are per job and already gone.
    },
  };
}
