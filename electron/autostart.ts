import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Log } from './log.js';

/** The XDG autostart entry's file name (~/.config/autostart/…). */
export const AUTOSTART_FILE = 'houniao-yizhan.desktop';

export interface AutostartTarget {
  /** The program to start: the installed executable, or the AppImage file itself. */
  command: string;
  /** Our flags worth keeping across a reboot (--data DIR, --demo). */
  args: readonly string[];
}

/**
 * One Exec argument, quoted per the Desktop Entry spec when it holds a space or a reserved character.
 * Inside quotes ", `, $ and \ take a backslash, and that backslash is itself escaped by the
 * spec's general string rule, which is applied first: two backslashes in the file.
 */
function quoteExec(arg: string): string {
  if (!/[\s"'\\><~|&;$*?#()`]/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\\\$1')}"`;
}

/** The autostart .desktop entry (freedesktop Desktop Application Autostart Specification). */
export function autostartDesktopEntry({ command, args }: AutostartTarget): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=候鸟驿站',
    'Comment=候鸟驿站 front-desk kiosk (starts at login)',
    `Exec=${[command, ...args].map(quoteExec).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    // Give the desktop a moment (the TV's screen, the keyring) before the kiosk opens.
    'X-GNOME-Autostart-Delay=5',
    '',
  ].join('\n');
}

/** Where the entry goes: $XDG_CONFIG_HOME/autostart, else ~/.config/autostart. */
export function autostartPath(env: NodeJS.ProcessEnv, home: string = homedir()): string {
  const config = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(config, 'autostart', AUTOSTART_FILE);
}

/** The flags an automatic start repeats: the data folder (absolute) and demo mode. */
export function autostartArgs(dataDir: string | undefined, demo: boolean): string[] {
  return [...(dataDir ? ['--data', dataDir] : []), ...(demo ? ['--demo'] : [])];
}

export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string; args?: string[] }): void;
}

export interface AutostartOptions {
  enabled: boolean;
  platform: NodeJS.Platform;
  /** Only an installed app registers itself: `npm start` from a checkout must not. */
  isPackaged: boolean;
  target: AutostartTarget;
  app: LoginItemApp;
  env: NodeJS.ProcessEnv;
  home?: string;
  log: Log;
}

/**
 * Starts 候鸟驿站 when the kiosk's user logs in, so a reboot (a power cut, Windows updates) brings
 * the kiosk back without anyone at the keyboard. Windows: the login item Electron manages
 * (HKCU\…\Run). Linux: an XDG autostart entry. --no-autostart removes it again.
 */
export function applyAutostart({ enabled, platform, isPackaged, target, app, env, home, log }: AutostartOptions): void {
  if (!isPackaged) return;
  try {
    if (platform === 'win32' || platform === 'darwin') {
      app.setLoginItemSettings({ openAtLogin: enabled, path: target.command, args: [...target.args] });
      log(`[autostart] login item ${enabled ? 'registered' : 'removed'}`);
      return;
    }
    if (platform !== 'linux') return;
    const file = autostartPath(env, home);
    if (!enabled) {
      if (existsSync(file)) rmSync(file);
      log('[autostart] autostart entry removed');
      return;
    }
    const entry = autostartDesktopEntry(target);
    if (existsSync(file) && readFileSync(file, 'utf8') === entry) return;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, entry);
    log(`[autostart] autostart entry written: ${file}`);
  } catch (err) {
    // Never a reason not to start: the technician can still add it by hand (README).
    log(`[autostart] could not register the start at login: ${String(err)}`);
  }
}

/** The marker in the data folder that remembers --no-autostart across starts. */
export const AUTOSTART_OFF_FILE = 'autostart-disabled';

/**
 * Whether this terminal starts at login: yes unless --no-autostart was ever given (remembered in the
 * data folder, so the next plain start does not register it again); --autostart turns it back on.
 */
export function autostartWanted(dataDir: string, flags: { autostart?: boolean; noAutostart?: boolean }): boolean {
  const marker = join(dataDir, AUTOSTART_OFF_FILE);
  try {
    if (flags.noAutostart) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(marker, 'Started with --no-autostart: 候鸟驿站 does not start at login. Start it once with --autostart to undo.\n');
      return false;
    }
    if (flags.autostart) {
      rmSync(marker, { force: true });
      return true;
    }
  } catch {
    // An unwritable data folder is reported elsewhere; fall through to what is on disk.
  }
  return !existsSync(marker);
}

/** The program an automatic start runs: the AppImage file when we run from one (its mount path changes every time). */
export function autostartCommand(execPath: string, env: NodeJS.ProcessEnv): string {
  return env.APPIMAGE || execPath;
}
