import { app, BrowserWindow, dialog, safeStorage, screen, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { operationNames } from '../db/api/contract/index.js';
import { setIdKeyProvider } from '../db/residents/idNumbers.js';
import { readSetting } from '../db/settings.js';
import { serveAppProtocol, registerAppScheme } from './appProtocol.js';
import { chooseDataDir, parseShellArgs } from './args.js';
import { applyAutostart, autostartArgs, autostartCommand, autostartWanted } from './autostart.js';
import { followDisplays, placeDisplay } from './displays.js';
import { startHost, type Host } from './host.js';
import { sealedIdKeyProvider } from './idKey.js';
import { forwardApiEvents, registerApiIpc } from './ipc.js';
import type { LanServer } from './lan/server.js';
import { shareOnLan } from './lanShare.js';
import { lockDownApp, lockDownSession } from './lockdown.js';
import { createFileLog, type Log } from './log.js';
import { findElectronSqlite } from './nativeBinding.js';
import { APP_ORIGIN, createTrustCheck, trustedOrigins } from './origin.js';
import { createElectronPrintEngines } from './printing/engines.js';
import { createQuitGuard, type QuitGuard } from './quit.js';
import { watchForCrashes } from './recovery.js';
import { contentSecurityPolicy } from './security.js';
import { chromiumSwitches } from './switches.js';
import { openWindow, screenUrl, showModeFor, windowOptions, type Placement, type WindowKind } from './windows.js';

const here = dirname(fileURLToPath(import.meta.url)); // dist/electron
const rendererDir = join(here, '..', 'renderer');
const devServerUrl = process.env.VITE_DEV_SERVER_URL || undefined;
const devTools = !app.isPackaged;
const args = parseShellArgs(process.argv);

let failed = false;
/**
 * Any failure before the screens are up ends here: one plain dialog, then the process exits (it
 * never lingers without a window). showErrorBox may be called before the app is ready.
 */
function failStartup(what: string, err: unknown, log?: Log): void {
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  log?.(`[main] ${what}: ${detail}`);
  console.error(`[main] ${what}: ${detail}`);
  if (failed) return;
  failed = true;
  try {
    dialog.showErrorBox(
      '候鸟驿站无法启动 / Cannot start',
      `${what}\n请联系技术人员，并告诉他下面的信息。\nPlease contact your technician with the message below.\n\n${err instanceof Error ? err.message : String(err)}`,
    );
  } catch {
    // No dialog possible (no display): the console line above is all there is.
  }
  app.exit(1);
}

function prepare(): string | undefined {
  try {
    // Before anything touches userData: a --data folder also holds Chromium's profile and the
    // single-instance lock, so two kiosks with two data folders do not fight. Resolved to an
    // absolute path first: app.setPath throws on a relative one.
    const dir = chooseDataDir(args, process.env, () => app.getPath('userData'));
    app.setPath('userData', dir);
    for (const [name, value] of chromiumSwitches(process.platform, process.env)) app.commandLine.appendSwitch(name, value);
    registerAppScheme();
    return dir;
  } catch (err) {
    failStartup('数据目录无法使用 / The data folder cannot be used', err);
    return undefined;
  }
}

const windows = new Map<WindowKind, BrowserWindow>();

function focusExistingWindow(): void {
  // The hall display never takes the focus: bring the kiosk or the staff console forward.
  const win = windows.get('kiosk') ?? windows.get('staff');
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

function openScreens(host: Host, quit: QuitGuard, log: Log): void {
  const kinds = [...new Set(readSetting(host.db, 'terminal.windows'))];
  const primary = screen.getPrimaryDisplay();
  const placement: Placement = {
    primary: primary.bounds,
    display: placeDisplay(
      screen.getAllDisplays(),
      primary,
      kinds.filter((k) => k !== 'display'),
    ),
  };
  const settings = { preload: join(here, 'preload.cjs'), devTools, operations: operationNames };
  for (const kind of kinds) {
    const options = windowOptions(kind, settings, placement);
    const win = openWindow(kind, options, screenUrl(devServerUrl ?? APP_ORIGIN, kind), log, showModeFor(kind, placement));
    watchForCrashes(win, { name: kind, log });
    quit.guard(win, kind);
    win.on('closed', () => windows.delete(kind));
    windows.set(kind, win);
  }
}

function openHost(dataDir: string, log: Log): Host {
  const sealedKey = sealedIdKeyProvider(dataDir, safeStorage, process.platform, log);
  if (sealedKey) setIdKeyProvider(sealedKey);
  const nativeBinding = findElectronSqlite({ projectRoot: app.getAppPath(), electronVersion: process.versions.electron, isPackaged: app.isPackaged });
  // Silent system printing and printToPDF go through Electron's own windows rather than CUPS/Chromium.
  return startHost({ dataDir, demo: args.demo, nativeBinding, log, printEngines: createElectronPrintEngines({ BrowserWindow, session }) });
}

async function start(dataDir: string): Promise<void> {
  const log = createFileLog(join(dataDir, 'logs', 'main.log'));
  process.on('uncaughtException', (err) => log(`[main] uncaught: ${err.stack ?? String(err)}`));
  process.on('unhandledRejection', (reason) => log(`[main] unhandled rejection: ${String(reason)}`));
  log(`[main] 候鸟驿站 starting; data in ${dataDir}${devServerUrl ? `; screens from ${devServerUrl}` : ''}`);

  const isTrusted = createTrustCheck(trustedOrigins(devServerUrl));
  lockDownApp({ isTrusted, log, devTools });
  app.on('child-process-gone', (_event, details) => log(`[main] ${details.type} process gone: ${details.reason}`));

  await app.whenReady();
  lockDownSession(session.defaultSession, { isTrusted, log });
  if (!devServerUrl) serveAppProtocol(rendererDir, contentSecurityPolicy({ allowWebSocket: false }));

  let host: Host;
  try {
    host = openHost(dataDir, log);
  } catch (err) {
    failStartup(`数据库打不开 / The database could not be opened (${dataDir})`, err, log);
    return;
  }

  const quit = createQuitGuard({ app, dialog, log });
  const stopIpc = registerApiIpc({ api: host.api, isTrusted, log });
  const stopEvents = forwardApiEvents(host.api, () => [...windows.values()].map((w) => w.webContents), isTrusted);
  openScreens(host, quit, log);
  const stopDisplays = followDisplays({ screen, windows: () => windows, log });
  applyAutostart({
    enabled: app.isPackaged && autostartWanted(dataDir, args),
    platform: process.platform,
    isPackaged: app.isPackaged,
    target: {
      command: autostartCommand(process.execPath, process.env),
      args: autostartArgs(args.dataDir !== undefined || process.env.HOUNIAO_DATA_DIR ? dataDir : undefined, args.demo),
    },
    app,
    env: process.env,
    log,
  });
  let lan: LanServer | undefined;
  void shareOnLan(host, rendererDir, log).then((server) => (lan = server));

  app.on('second-instance', focusExistingWindow);
  app.on('window-all-closed', () => app.quit());
  let stopped = false;
  app.on('will-quit', () => {
    if (stopped) return;
    stopped = true;
    stopDisplays();
    stopEvents();
    stopIpc();
    void lan?.close();
    host.close();
    log('[main] stopped');
  });
}

const dataDir = prepare();
if (dataDir === undefined) {
  // failStartup has shown why and is exiting.
} else if (!app.requestSingleInstanceLock()) {
  // Another 候鸟驿站 already runs on this data folder; it brings its window forward (second-instance).
  app.quit();
} else {
  start(dataDir).catch((err: unknown) => failStartup('启动时出错 / Start-up failed', err));
}
