import { describe, expect, it } from 'vitest';
import { createElectronPrintEngines, type ElectronPrintDeps } from '../../../electron/printing/engines.js';

/** A stand-in BrowserWindow recording what the engines ask of Electron. */
function standIn(printResult: [boolean, string] = [true, '']) {
  const calls: { print: unknown[]; pdf: unknown[]; loaded: string[]; destroyed: number } = { print: [], pdf: [], loaded: [], destroyed: 0 };
  class FakeWindow {
    webContents = {
      executeJavaScript: async (code: string) => (code.includes('getBoundingClientRect') ? 378 : true), // 378 px = 100.01 mm
      print: (options: unknown, cb: (ok: boolean, reason: string) => void) => {
        calls.print.push(options);
        cb(...printResult);
      },
      printToPDF: async (options: unknown) => {
        calls.pdf.push(options);
        return Buffer.from('%PDF-1.4');
      },
      // CUPS marks its default destination with bit 0x20000 of printer-type (Electron 45's PrinterInfo has no isDefault).
      getPrintersAsync: async () => [{ name: 'XP-80C', displayName: '芯烨 XP-80C', description: '', options: { 'printer-type': String(0x20000 | 0x4) } }],
    };
    constructor(readonly options: unknown) {}
    async loadURL(url: string) {
      calls.loaded.push(url);
    }
    destroy() {
      calls.destroyed++;
    }
  }
  return { calls, deps: { BrowserWindow: FakeWindow as unknown as ElectronPrintDeps['BrowserWindow'], defaultPrinterName: async () => undefined } };
}

describe('Electron print engines (stand-in electron)', () => {
  it('prints silently to the named printer with the exact page size in microns and no margins', async () => {
    const { calls, deps } = standIn();
    const engines = createElectronPrintEngines(deps);
    await engines.printSystem('<p>票</p>', { widthMm: 58, heightMm: null }, 'XP-58');
    expect(calls.print).toEqual([
      // measured 100.01 mm → rounded up, +1 mm so nothing spills onto a second page
      { silent: true, deviceName: 'XP-58', printBackground: true, pageSize: { width: 58000, height: 102000 }, margins: { marginType: 'none' } },
    ]);
    await engines.printSystem('<p>卡</p>', { widthMm: 85.6, heightMm: 54 }, 'Card');
    expect((calls.print[1] as { pageSize: unknown }).pageSize).toEqual({ width: 85600, height: 54000 });
    expect(calls.destroyed).toBe(2);
    expect(Buffer.from(calls.loaded[0]!.split(',')[1]!, 'base64').toString()).toBe('<p>票</p>');
  });

  it('turns a failed silent print into a readable Chinese reason', async () => {
    const { deps } = standIn([false, 'Printer is offline']);
    await expect(createElectronPrintEngines(deps).printSystem('<p></p>', { widthMm: 80, heightMm: null }, 'XP-80C')).rejects.toThrow(
      '系统打印机“XP-80C”没有完成打印（Printer is offline）',
    );
  });

  it('renders PDFs at the page size (inches) and lists the system printers', async () => {
    const { calls, deps } = standIn();
    const engines = createElectronPrintEngines(deps);
    expect((await engines.renderPdf('<p></p>', { widthMm: 50.8, heightMm: 25.4 })).toString()).toBe('%PDF-1.4');
    expect(calls.pdf[0]).toMatchObject({ pageSize: { width: 2, height: 1 }, printBackground: true });
    expect(await engines.listPrinters()).toEqual([{ name: 'XP-80C', displayName: '芯烨 XP-80C', isDefault: true }]);
  });
});
