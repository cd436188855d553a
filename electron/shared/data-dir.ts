import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const PRODUCT_NAME = 'Front Desk';
export const STORE_FILE = 'frontdesk.sqlite';

/**
 * The user-data folder Electron would choose (app.getPath('userData')), computed without
 * Electron so browser mode and the desktop app open the same store by default.
 */
export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

/** `--data-dir D` or `--data-dir=D` on the command line wins, then FRONTDESK_DATA_DIR, then the default. */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, fallback: () => string = () => defaultUserDataDir(process.platform, env)): string {
  const flag = argValue(argv, '--data-dir');
  if (flag) return resolve(flag);
  if (env.FRONTDESK_DATA_DIR) return resolve(env.FRONTDESK_DATA_DIR);
  return fallback();
}

/** The value of `--name V` or `--name=V`, if present. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === name) return argv[i + 1];
    if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
  }
  return undefined;
}
