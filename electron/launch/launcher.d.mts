// Types for launcher.mjs, generated from its JSDoc so TypeScript tests can import it. Regenerate after changing it:
// npx tsc electron/launch/launcher.mjs --allowJs --checkJs --declaration --emitDeclarationOnly --strict --module nodenext --types node --outDir /tmp/dts, then copy /tmp/dts/launcher.d.mts here under this header.
/**
 * Whether `npm run build` must run first, and why (for the one line the launcher prints).
 * @param {string} root the project folder
 * @param {FsLike} [fs] stand-ins for tests
 * @returns {{ needed: boolean, reason: string }}
 */
export function checkBuild(
  root: string,
  fs?: FsLike,
): {
  needed: boolean;
  reason: string;
};
/**
 * The address from serve.js's "Listening on http://HOST:PORT" line, or null for any other line.
 * @param {string} line
 * @returns {string | null}
 */
export function parseListeningLine(line: string): string | null;
/**
 * The data folder from serve.js's "数据目录 / Data: DIR" line, or null.
 * @param {string} line
 * @returns {string | null}
 */
export function parseDataLine(line: string): string | null;
/**
 * Chromium-family browsers to try for the app window, most specific first.
 * @param {NodeJS.ProcessEnv} env
 * @param {NodeJS.Platform} platform
 * @returns {string[]}
 */
export function browserCandidates(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[];
/**
 * The first browser that exists, or null.
 * @param {{ env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform, exists?: (path: string) => boolean }} [options]
 * @returns {string | null}
 */
export function findBrowser({ env, platform, exists }?: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; exists?: (path: string) => boolean }): string | null;
/**
 * Whether a window can be shown at all: on Linux a session has DISPLAY or WAYLAND_DISPLAY; an SSH login or a server has neither.
 * @param {NodeJS.ProcessEnv} env
 * @param {NodeJS.Platform} platform
 */
export function hasDisplay(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean;
/**
 * The browser's command line: an app window (no address bar) in kiosk mode, with its own profile
 * in the data folder so it never mixes with someone's everyday browsing, and no calls home.
 * @param {string} url
 * @param {string} profileDir
 * @returns {string[]}
 */
export function browserArgs(url: string, profileDir: string): string[];
/**
 * The user's flags, split for each child: Electron gets them all (it ignores what it does not know),
 * serve.js only --demo and --data (it rejects anything else).
 * @param {string[]} argv process.argv.slice(2)
 * @returns {{ electron: string[], serve: string[] }}
 */
export function splitArgs(argv: string[]): {
  electron: string[];
  serve: string[];
};
/**
 * Where the Electron-ABI build of better-sqlite3 is cached (kept in step with electron/nativeBinding.ts).
 * @param {string} root
 * @param {string} electronVersion
 */
export function electronSqlitePath(root: string, electronVersion: string): string;
/**
 * The environment for node-gyp without npm's settings that would point it at Node's own headers
 * (`npm start` exports them, e.g. a user's `nodedir`): the Electron flags on its command line must win.
 * @param {NodeJS.ProcessEnv} env
 * @returns {NodeJS.ProcessEnv}
 */
export function gypEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
/**
 * The one paragraph printed when the app falls back to the browser, worded by the real cause.
 * @param {FallbackCause} cause
 * @param {string} detail a short technical line, shown last for whoever troubleshoots
 */
export function fallbackNotice(cause: FallbackCause, detail: string): string;
/**
 * What a failed step's output says went wrong: the network, a missing prebuilt binary, a missing compiler, or something else.
 * @param {string} output stdout and stderr of the step
 * @returns {'offline' | 'no-prebuilt' | 'no-compiler' | 'other'}
 */
export function classifyFailure(output: string): 'offline' | 'no-prebuilt' | 'no-compiler' | 'other';
/**
 * The first line of a failure worth showing (an "Error:" line, else the last non-empty one), shortened.
 * @param {string} output
 */
export function failureLine(output: string): string;
/**
 * @typedef {{ ok: true } | { ok: false, output: string }} StepResult
 * @typedef {{ ok: true, how: 'prebuilt' | 'compiled' } | { ok: false, cause: FallbackCause, detail: string }} DriverOutcome
 */
/**
 * better-sqlite3 for Electron: ready-made binaries first (better-sqlite3 publishes them for each
 * Electron ABI; prebuild-install --runtime=electron fetches them), compiling with node-gyp only when
 * there is none, and never compiling when the network is down (node-gyp needs Electron's headers
 * from the internet too). The outcome names the real cause.
 * @param {{ tryPrebuilt: () => Promise<StepResult>, tryCompile: () => Promise<StepResult> }} steps
 * @returns {Promise<DriverOutcome>}
 */
export function obtainElectronSqlite({ tryPrebuilt, tryCompile }: { tryPrebuilt: () => Promise<StepResult>; tryCompile: () => Promise<StepResult> }): Promise<DriverOutcome>;
/**
 * prebuild-install's command line for better-sqlite3 built for Electron `version`.
 * @param {string} version
 * @param {string} platform
 * @param {string} arch
 */
export function prebuildArgs(version: string, platform: string, arch: string): string[];
/**
 * @param {string} line
 * @returns {{ transferred: number, total: number } | null}
 */
export function parseProgressLine(line: string): {
  transferred: number;
  total: number;
} | null;
/**
 * "正在下载 Electron：12.3 / 110.5 MB（11%）"
 * @param {{ transferred: number, total: number }} progress
 */
export function formatProgress({ transferred, total }: { transferred: number; total: number }): string;
/**
 * Runs a child that downloads and kills it only when it stops receiving: any output (the progress
 * lines above) counts as life. A slow line in mainland China takes many minutes for ~100 MB and
 * must not be cut off at a fixed time, which would also restart it from zero next time.
 * @param {import('node:child_process').ChildProcess} child
 * @param {{ stallMs: number, onProgress?: (p: { transferred: number, total: number }) => void, kill?: (child: import('node:child_process').ChildProcess) => void }} options
 * @returns {Promise<{ code: number | null, stalled: boolean, output: string }>}
 */
export function watchDownload(
  child: import('node:child_process').ChildProcess,
  {
    stallMs,
    onProgress,
    kill,
  }: {
    stallMs: number;
    onProgress?: (p: { transferred: number; total: number }) => void;
    kill?: (child: import('node:child_process').ChildProcess) => void;
  },
): Promise<{
  code: number | null;
  stalled: boolean;
  output: string;
}>;
/**
 * Chromium's switches on the Electron command line: on a Linux desktop with an X server (Xorg, or
 * XWayland under Wayland) X11, because a Wayland session ignores our window positions since
 * Electron 38 and the hall TV would open on the kiosk's screen.
 * @param {NodeJS.ProcessEnv} env
 * @param {NodeJS.Platform} platform
 */
export function electronPlatformArgs(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[];
/**
 * Whether Electron's stderr says the Linux sandbox stopped it at launch (Ubuntu 24.04+ restricts
 * unprivileged user namespaces; the SUID helper in node_modules is not root-owned).
 * @param {string} stderr
 * @returns {{ kind: 'suid' | 'userns', helper: string | null } | null}
 */
export function detectSandboxFailure(stderr: string): {
  kind: 'suid' | 'userns';
  helper: string | null;
} | null;
/**
 * Watches a started Electron: its stderr is passed on as it comes and kept (the first 64 KB), and on
 * exit the answer says whether the Linux sandbox stopped it at launch (within `launchMs`).
 * @param {import('node:child_process').ChildProcess} child
 * @param {{ passOn?: (chunk: Buffer | string) => void, launchMs?: number }} [options]
 * @returns {Promise<{ code: number | null, signal: NodeJS.Signals | null, sandbox: { kind: 'suid' | 'userns', helper: string | null } | null }>}
 */
export function superviseElectron(
  child: import('node:child_process').ChildProcess,
  {
    passOn,
    launchMs,
  }?: {
    passOn?: (chunk: Buffer | string) => void;
    launchMs?: number;
  },
): Promise<{
  code: number | null;
  signal: NodeJS.Signals | null;
  sandbox: {
    kind: 'suid' | 'userns';
    helper: string | null;
  } | null;
}>;
/**
 * The one fix for the sandbox stop: make Electron's chrome-sandbox helper root-owned and setuid.
 * @param {{ helper: string | null }} failure
 * @param {string} defaultHelper node_modules/electron/dist/chrome-sandbox
 */
export function sandboxFix(
  failure: {
    helper: string | null;
  },
  defaultHelper: string,
): string;
/** Folders whose files are inputs to `npm run build`. */
export const SOURCE_DIRS: string[];
/** Files whose change also changes the build, besides the source folders. */
export const SOURCE_FILES: string[];
/** What `npm run build` writes and the launcher needs. */
export const BUILD_OUTPUTS: string[];
/** The marker a download child prints for each chunk received. */
export const PROGRESS_MARKER: '@@houniao-progress';
export type StatLike = {
  mtimeMs: number;
  isDirectory(): boolean;
};
export type FsLike = {
  stat?: (path: string) => StatLike;
  readdir?: (path: string) => string[];
  exists?: (path: string) => boolean;
};
export type StepResult =
  | {
      ok: true;
    }
  | {
      ok: false;
      output: string;
    };
export type DriverOutcome =
  | {
      ok: true;
      how: 'prebuilt' | 'compiled';
    }
  | {
      ok: false;
      cause: FallbackCause;
      detail: string;
    };
/**
 * Why the desktop app could not be used, by cause, for the one paragraph the launcher prints.
 */
export type FallbackCause = 'electron-offline' | 'electron-stalled' | 'electron-failed' | 'driver-offline' | 'driver-no-compiler' | 'driver-failed' | 'sandbox';
