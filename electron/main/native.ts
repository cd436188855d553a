import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 is a native addon, and Electron's ABI is not Node's. node_modules keeps the
 * Node build (vitest, browser mode); build/electron-native.mjs builds a second copy for
 * Electron into .electron-native/, and electron-builder ships that file as
 * resources/native/better_sqlite3.node. The store is opened with `nativeBinding` pointing
 * here, so the desktop app never loads the Node build by accident (and vice versa).
 */
export const NATIVE_FILE = 'better_sqlite3.node';

export interface NativeLocation {
  isPackaged: boolean;
  /** app.getAppPath(): the project root under `electron-vite dev` */
  appPath: string;
  /** process.resourcesPath: where extraResources land in a packaged app */
  resourcesPath: string;
}

export function nativeBindingPath(where: NativeLocation): string {
  if (where.isPackaged) return join(where.resourcesPath, 'native', NATIVE_FILE);
  return join(where.appPath, '.electron-native', 'node_modules', 'better-sqlite3', 'build', 'Release', NATIVE_FILE);
}

/**
 * openStore reports any failure to load the addon as a damaged data file, which would send a
 * clerk to restore a backup for nothing. So the shell checks the file exists first and says
 * what is really missing.
 */
export function missingBindingMessage(path: string): { 'zh-CN': string; 'en-US': string } | null {
  if (existsSync(path)) return null;
  return {
    'zh-CN': `缺少 Electron 版 SQLite 组件：${path}。开发时请运行 npm start（会先执行 node build/electron-native.mjs）；安装版请重新安装。数据文件未做任何改动。`,
    'en-US': `The Electron build of SQLite is missing: ${path}. In development run npm start (it runs node build/electron-native.mjs first); for an installed copy, reinstall. The data file was not touched.`,
  };
}
