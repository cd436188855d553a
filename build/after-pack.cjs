// electron-builder's afterPack hook (build/electron-builder.yml): set Electron's fuses in the
// packaged binary before it is signed and wrapped into the installer. Fuses are switches
// compiled into the Electron executable; flipping them here means no command-line flag or
// environment variable on the desk PC can turn the features back on.
const { join } = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

/** What the packaged desk allows: nothing that lets another program run code inside it. */
const FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the signed desk executable into a plain Node.js
  [FuseV1Options.RunAsNode]: false,
  // cookies (browser mode's session is not used here, but Chromium keeps some) encrypted at rest with the OS key store
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS=--require evil.js and --inspect / --remote-debugging would inject code
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash electron-builder embeds (Windows and macOS), and
  // the app is only ever loaded from it (not from a resources/app folder someone adds)
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // file:// gets no extra privileges: the renderer is served from app://
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The packaged Electron executable of each platform electron-builder builds. */
function executableOf(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'win32': return join(context.appOutDir, `${name}.exe`);
    case 'darwin':
    case 'mas': return join(context.appOutDir, `${name}.app`);
    default: return join(context.appOutDir, context.packager.executableName);
  }
}

async function afterPack(context) {
  const file = executableOf(context);
  await flipFuses(file, { ...FUSES, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3 });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.executableOf = executableOf;
