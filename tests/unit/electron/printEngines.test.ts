import { describe, expect, it, vi } from 'vitest';
import {
  createElectronPrintEngines,
  isDefaultPrinter,
  parseLpstatDefault,
  parseWindowsDeviceValue,
  printWindowPreferences,
  type ElectronPrintDeps,
} from '../../../electron/printing/engines.js';
import { fakeSession } from './fakes.js';

/** A print window stand-in: records its options and answers like Electron 45 (no isDefault in PrinterInfo). */
function printDeps(printers: Array<{ name: string; options: Record<string, string> }>, defaultName?: string) {
  const created: Array<Record<string, any>> = [];
  class PrintWindow {
    webContents = {
      executeJavaScript: async (code: string) => (code.includes('getBoundingClientRect') ? 378 : true),
      print: (_options: unknown, cb: (ok: boolean, reason: string) => void) => cb(true, ''),
      printToPDF: async () => Buffer.from('%PDF-1.4'),
      getPrintersAsync: async () => printers.map((p) => ({ ...p, displayName: p.name, description: '' })),
    };
    constructor(readonly options: Record<string, any>) {
      created.push(options);
    }
    async loadURL() {}
    destroy() {}
  }
  const partitions = new Map<string, ReturnType<typeof fakeSession>>();
  const session = { fromPartition: vi.fn((name: string) => partitions.get(name) ?? partitions.set(name, fakeSession()).get(name)!) };
  const deps: ElectronPrintDeps = { BrowserWindow: PrintWindow as unknown as ElectronPrintDeps['BrowserWindow'], session, defaultPrinterName: async () => defaultName };
  return { created, deps, partitions };
}

describe('hidden print windows', () => {
  it('size the page, not the window frame, to the paper (useContentSize)', async () => {
    const { created, deps } = printDeps([]);
    await createElectronPrintEngines(deps).printSystem('<p>票</p>', { widthMm: 80, heightMm: null }, 'XP-80C');
    expect(created[0]).toMatchObject({ show: false, useContentSize: true, width: Math.ceil((80 * 96) / 25.4) });
  });

  it('state every security preference, in the print and the printer-list windows alike', async () => {
    const { created, deps } = printDeps([]);
    const engines = createElectronPrintEngines(deps);
    await engines.renderPdf('<p></p>', { widthMm: 58, heightMm: 40 });
    await engines.listPrinters();
    expect(created).toHaveLength(2);
    for (const options of created) {
      expect(options.webPreferences).toEqual(printWindowPreferences());
      expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, partition: 'printing' });
    }
  });

  it('run in a session that denies every permission and device', () => {
    const { deps, partitions } = printDeps([]);
    createElectronPrintEngines(deps);
    const printing = partitions.get('printing')!;
    const callback = vi.fn();
    printing.requestHandler!({}, 'media', callback, { requestingUrl: 'data:text/html,x' });
    expect(callback).toHaveBeenCalledWith(false);
    for (const permission of ['fullscreen', 'clipboard-read', 'geolocation', 'notifications']) expect(printing.checkHandler!({}, permission, 'data:')).toBe(false);
    expect(printing.deviceHandler!({ deviceType: 'usb' })).toBe(false);
  });
});

describe('the default printer', () => {
  it('is the one Windows names in the registry (PrinterInfo has no default flag since Electron 35)', async () => {
    const output = '\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows\r\n    Device    REG_SZ    EPSON TM-T82III,winspool,Ne01:\r\n\r\n';
    expect(parseWindowsDeviceValue(output)).toBe('EPSON TM-T82III');
    expect(parseWindowsDeviceValue('    Device    REG_SZ    HP, Inc. LaserJet,winspool,Ne02:')).toBe('HP, Inc. LaserJet');
    expect(parseWindowsDeviceValue('ERROR: The system was unable to find the specified registry key or value.')).toBeUndefined();
    const { deps } = printDeps(
      [
        { name: 'Microsoft Print to PDF', options: { 'printer-location': '' } },
        { name: 'EPSON TM-T82III', options: { 'printer-location': '', 'printer-driver-name': 'EPSON TM-T82III Receipt' } },
      ],
      'EPSON TM-T82III',
    );
    expect((await createElectronPrintEngines(deps).listPrinters()).map((p) => [p.name, p.isDefault])).toEqual([
      ['Microsoft Print to PDF', false],
      ['EPSON TM-T82III', true],
    ]);
  });

  it('is marked by CUPS in printer-type (CUPS_PRINTER_DEFAULT), or named by lpstat -d', () => {
    expect(isDefaultPrinter({ name: 'XP-80C', options: { 'printer-type': String(0x20000 | 0x1004) } }, undefined)).toBe(true);
    expect(isDefaultPrinter({ name: 'Zebra_LP2844', options: { 'printer-type': '36932' } }, undefined)).toBe(false);
    expect(isDefaultPrinter({ name: 'Zebra_LP2844', options: { 'printer-type': '36932' } }, 'Zebra_LP2844')).toBe(true);
    expect(isDefaultPrinter({ name: 'x', options: {} }, undefined)).toBe(false);
    expect(parseLpstatDefault('system default destination: XP-80C\n')).toBe('XP-80C');
    expect(parseLpstatDefault('no system default destination\n')).toBeUndefined();
  });
});
