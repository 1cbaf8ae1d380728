import { resolve } from 'node:path';

export interface ShellArgs {
  demo: boolean;
  /** --no-autostart: remove the start-at-login entry and remember that; --autostart: register it again. */
  noAutostart?: boolean;
  autostart?: boolean;
  /** --data DIR or --data=DIR */
  dataDir?: string;
}

/**
 * Reads our own flags and ignores everything else: Electron's argv also holds the app path
 * ("." in development) and any Chromium switches.
 */
export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const args: ShellArgs = { demo: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--demo') args.demo = true;
    else if (arg === '--no-autostart') args.noAutostart = true;
    else if (arg === '--autostart') args.autostart = true;
    else if (arg === '--data' && i + 1 < argv.length) args.dataDir = argv[++i];
    else if (arg.startsWith('--data=')) args.dataDir = arg.slice('--data='.length);
  }
  if (args.dataDir === '') delete args.dataDir;
  return args;
}

/**
 * --data beats HOUNIAO_DATA_DIR beats Electron's userData folder (…/候鸟驿站, the same as `npm run serve`).
 * Always absolute: `app.setPath` throws on a relative path, before any error handler could explain it,
 * so `--data kiosk-data` or `HOUNIAO_DATA_DIR=.\data` is taken relative to the folder the app was started in.
 */
export function chooseDataDir(args: ShellArgs, env: NodeJS.ProcessEnv, userData: () => string, cwd: string = process.cwd()): string {
  const chosen = args.dataDir ?? (env.HOUNIAO_DATA_DIR || userData());
  return resolve(cwd, chosen);
}
