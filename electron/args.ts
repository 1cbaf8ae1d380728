export interface ShellArgs {
  demo: boolean;
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
    else if (arg === '--data' && i + 1 < argv.length) args.dataDir = argv[++i];
    else if (arg.startsWith('--data=')) args.dataDir = arg.slice('--data='.length);
  }
  if (args.dataDir === '') delete args.dataDir;
  return args;
}

/** --data beats HOUNIAO_DATA_DIR beats Electron's userData folder (…/候鸟驿站, the same as `npm run serve`). */
export function chooseDataDir(args: ShellArgs, env: NodeJS.ProcessEnv, userData: () => string): string {
  return args.dataDir ?? (env.HOUNIAO_DATA_DIR || userData());
}
