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
 * The one paragraph printed when the app falls back to the browser.
 * @param {string} reason a short technical cause, shown last for whoever troubleshoots
 */
export function fallbackNotice(reason: string): string;
/** Folders whose files are inputs to `npm run build`. */
export const SOURCE_DIRS: string[];
/** Files whose change also changes the build, besides the source folders. */
export const SOURCE_FILES: string[];
/** What `npm run build` writes and the launcher needs. */
export const BUILD_OUTPUTS: string[];
export type StatLike = {
  mtimeMs: number;
  isDirectory(): boolean;
};
export type FsLike = {
  stat?: (path: string) => StatLike;
  readdir?: (path: string) => string[];
  exists?: (path: string) => boolean;
};
