import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_DIR_NAME = '候鸟驿站';
export const DATABASE_FILE_NAME = 'houniao.db';

/**
 * Where the data lives when nobody says otherwise: the same folder Electron's app.getPath('userData')
 * gives, so the desktop app and `npm run serve` share one database. HOUNIAO_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.HOUNIAO_DATA_DIR) return env.HOUNIAO_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_DIR_NAME);
}

export const databasePath = (dataDir: string): string => join(dataDir, DATABASE_FILE_NAME);
export const backupDir = (dataDir: string): string => join(dataDir, 'backups');
