import { app, BrowserWindow, dialog, safeStorage, screen, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { operationNames } from '../db/api/contract/index.js';
import { setIdKeyProvider } from '../db/residents/idNumbers.js';
import { readSetting } from '../db/settings.js';
import { serveAppProtocol, registerAppScheme } from './appProtocol.js';
import { chooseDataDir, parseShellArgs } from './args.js';
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
import { watchForCrashes } from './recovery.js';
import { contentSecurityPolicy } from './security.js';
import { openWindow, pickSecondScreen, screenUrl, windowOptions, type WindowKind } from './windows.js';

const here = dirname(fileURLToPath(import.meta.url)); // dist/electron
const rendererDir = join(here, '..', 'renderer');
const devServerUrl = process.env.VITE_DEV_SERVER_URL || undefined;
const devTools = !app.isPackaged;
const args = parseShellArgs(process.argv);

// Before anything touches userData: a --data folder also holds Chromium's profile and the
// single-instance lock, so two kiosks with two data folders do not fight.
const dataDir = chooseDataDir(args, process.env, () => app.getPath('userData'));
app.setPath('userData', dataDir);
registerAppScheme();

const windows = new Map<WindowKind, BrowserWindow>();

function focusExistingWindow(): void {
  const win = windows.values().next().value;
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

function openScreens(host: Host, log: Log): void {
  const kinds = [...new Set(readSetting(host.db, 'terminal.windows'))];
  const secondScreen = pickSecondScreen(screen.getAllDisplays(), screen.getPrimaryDisplay().id);
  const settings = { preload: join(here, 'preload.cjs'), devTools, operations: operationNames };
  for (const kind of kinds) {
    const options = windowOptions(kind, settings, { secondScreen, alone: kinds.length === 1 });
    const win = openWindow(kind, options, screenUrl(devServerUrl ?? APP_ORIGIN, kind), log);
    watchForCrashes(win, { name: kind, log });
    win.on('closed', () => windows.delete(kind));
    windows.set(kind, win);
  }
}

function openHost(log: Log): Host {
  const sealedKey = sealedIdKeyProvider(dataDir, safeStorage, process.platform, log);
  if (sealedKey) setIdKeyProvider(sealedKey);
  const nativeBinding = findElectronSqlite({ projectRoot: app.getAppPath(), electronVersion: process.versions.electron, isPackaged: app.isPackaged });
  // Silent system printing and printToPDF go through Electron's own windows rather than CUPS/Chromium.
  return startHost({ dataDir, demo: args.demo, nativeBinding, log, printEngines: createElectronPrintEngines({ BrowserWindow }) });
}

async function start(): Promise<void> {
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
    host = openHost(log);
  } catch (err) {
    log(`[main] database could not be opened: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    dialog.showErrorBox('候鸟驿站无法启动 / Cannot start', `数据库打不开，请联系技术人员。\nThe database could not be opened.\n\n${String(err)}\n\n${dataDir}`);
    app.exit(1);
    return;
  }

  const stopIpc = registerApiIpc({ api: host.api, isTrusted, log });
  const stopEvents = forwardApiEvents(host.api, () => [...windows.values()].map((w) => w.webContents), isTrusted);
  openScreens(host, log);
  let lan: LanServer | undefined;
  void shareOnLan(host, rendererDir, log).then((server) => (lan = server));

  app.on('second-instance', focusExistingWindow);
  app.on('window-all-closed', () => app.quit());
  let stopped = false;
  app.on('will-quit', () => {
    if (stopped) return;
    stopped = true;
    stopEvents();
    stopIpc();
    void lan?.close();
    host.close();
    log('[main] stopped');
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another 候鸟驿站 already runs on this data folder; it brings its window forward (second-instance).
  app.quit();
} else {
  start().catch((err: unknown) => {
    console.error(err);
    app.exit(1);
  });
}
