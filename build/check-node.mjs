/**
 * `npm start` and `npm run dist` build better-sqlite3 for Electron with @electron/rebuild,
 * whose node-abi needs Node 22.12 or later: on an older Node they fail deep inside the
 * rebuild with an unreadable stack. Say so first, in both languages. (Browser mode, the
 * tests and the demo run on Node 20.19 and later.)
 */
const NEED = [22, 12];
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < NEED[0] || (major === NEED[0] && minor < NEED[1])) {
  const need = NEED.join('.');
  console.error(`本机 Node 版本为 ${process.versions.node}：桌面版（npm start、npm run dist）需要 Node ${need} 或更高版本。请升级 Node 后再试；浏览器模式（npm run web）在 Node 20.19 以上即可运行。`);
  console.error(`This is Node ${process.versions.node}: the desktop app (npm start, npm run dist) needs Node ${need} or later. Upgrade Node and try again; browser mode (npm run web) runs on Node 20.19 and later.`);
  process.exit(1);
}
