import { execFile } from 'node:child_process';
import type { BrowserWindow as BrowserWindowType, PrinterInfo, Session, WebPreferences } from 'electron';
import { PrintError } from '../../db/printing/errors.js';
import type { PrintEngines, SystemPrinter } from '../../db/printing/engines/types.js';
import type { PaperSize } from '../../db/printing/paper.js';

const CSS_PX_PER_MM = 96 / 25.4;

/** The session partition of the hidden print windows: nothing of the screens' storage, and no permissions. */
export const PRINTING_PARTITION = 'printing';

/** What this module needs from `electron`, passed in so it can be unit-tested with a stand-in. */
export interface ElectronPrintDeps {
  BrowserWindow: typeof BrowserWindowType;
  /** `session` from electron: the printing partition gets deny-all permission handlers. */
  session?: { fromPartition(partition: string): Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> };
  /** The OS default printer's name (see systemDefaultPrinter); a stand-in in tests. */
  defaultPrinterName?: () => Promise<string | undefined>;
}

/**
 * The hidden print windows' webPreferences, every security item stated (the constructors repeat the
 * main ones inline, where Electronegativity looks): the layout's HTML is ours, but it carries
 * residents' names and must reach nothing.
 * JavaScript stays on: the engine measures a receipt's height and waits for fonts with it.
 */
export function printWindowPreferences(): WebPreferences {
  return {
    partition: PRINTING_PARTITION,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    devTools: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    disableBlinkFeatures: 'Auxclick',
    offscreen: false,
  };
}

/** The printing session asks for nothing and gets nothing: no permission, no device. */
export function lockDownPrintingSession(session: NonNullable<ElectronPrintDeps['session']>): void {
  const printing = session.fromPartition(PRINTING_PARTITION);
  printing.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  printing.setPermissionCheckHandler(() => false);
  printing.setDevicePermissionHandler(() => false);
}

/** CUPS marks the server's default destination in `printer-type` with CUPS_PRINTER_DEFAULT (0x20000). */
const CUPS_PRINTER_DEFAULT = 0x20000;

/**
 * Whether Electron's PrinterInfo is the OS default printer. Electron 35 removed `isDefault` (Chromium
 * dropped it); what is left is the platform's `options`: on Linux and macOS CUPS's `printer-type` bit
 * field, on Windows nothing — there the name from the registry (systemDefaultPrinter) decides.
 */
export function isDefaultPrinter(printer: Pick<PrinterInfo, 'name' | 'options'>, defaultName: string | undefined): boolean {
  if (defaultName !== undefined && printer.name === defaultName) return true;
  const type = Number((printer.options as Record<string, string> | undefined)?.['printer-type']);
  return Number.isInteger(type) && (type & CUPS_PRINTER_DEFAULT) !== 0;
}

/** The printer name in `reg query "HKCU\…\Windows" /v Device` ("HP LaserJet,winspool,Ne01:"). */
export function parseWindowsDeviceValue(output: string): string | undefined {
  const match = /^\s*Device\s+REG_SZ\s+(.+?)\s*$/m.exec(output);
  if (!match) return undefined;
  const value = match[1];
  // "name,winspool,port": the name itself may hold commas, the last two fields never do.
  const parts = value.split(',');
  return parts.length >= 3 ? parts.slice(0, -2).join(',') : value;
}

/** The destination in `lpstat -d` ("system default destination: XP-80C"), run with LANG=C. */
export function parseLpstatDefault(output: string): string | undefined {
  return /destination:\s*(\S+)\s*$/m.exec(output.trim())?.[1];
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 5000, windowsHide: true, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } }, (err, stdout) => resolve(err ? '' : String(stdout)));
  });
}

/**
 * The OS default printer's name, or undefined. Windows keeps it per user in the registry (also when
 * "Let Windows manage my default printer" picks it); CUPS answers `lpstat -d` (the user's lpoptions
 * default, which printer-type does not show).
 */
export async function systemDefaultPrinter(platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  if (platform === 'win32') return parseWindowsDeviceValue(await run('reg', ['query', 'HKCU\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows', '/v', 'Device']));
  return parseLpstatDefault(await run('lpstat', ['-d']));
}

/**
 * The desktop app's print engines: a hidden window per job loads the layout's HTML, then
 * `webContents.print({ silent: true, deviceName, pageSize in microns, margins none })` — without
 * pageSize Electron sends A4 — or `printToPDF` for PDF targets and 保存为 PDF.
 * Call from electron/main.ts: `startHost({ ..., printEngines: createElectronPrintEngines({ BrowserWindow, session }) })`.
 */
export function createElectronPrintEngines({ BrowserWindow, session, defaultPrinterName = () => systemDefaultPrinter() }: ElectronPrintDeps): PrintEngines {
  if (session) lockDownPrintingSession(session);

  /** Loads the document in a hidden, isolated window and measures a receipt's height. */
  async function withDocument<T>(html: string, size: PaperSize, use: (win: BrowserWindowType, heightMm: number) => Promise<T>): Promise<T> {
    const win = new BrowserWindow({
      show: false,
      // The page's width, not the window's: with a frame, `width` would include it and lay the page out narrower than the paper.
      useContentSize: true,
      width: Math.ceil(size.widthMm * CSS_PX_PER_MM),
      height: 800,
      webPreferences: { ...printWindowPreferences(), contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, disableBlinkFeatures: 'Auxclick' },
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
      const win = new BrowserWindow({
        show: false,
        webPreferences: { ...printWindowPreferences(), contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, disableBlinkFeatures: 'Auxclick' },
      });
      try {
        const [printers, defaultName] = await Promise.all([win.webContents.getPrintersAsync(), defaultPrinterName().catch(() => undefined)]);
        return printers.map((p) => ({ name: p.name, displayName: p.displayName || p.name, isDefault: isDefaultPrinter(p, defaultName) }));
      } finally {
        win.destroy();
      }
    },
    async close() {
      // Windows are per job and already gone.
    },
  };
}
