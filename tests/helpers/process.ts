import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const holder = fileURLToPath(new URL('./hold-store.ts', import.meta.url));
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface Holder {
  child: ChildProcess;
  /** close the store in the other process and wait for it to exit */
  release(): Promise<void>;
}

/** Open `file` with openStore in another Node process and keep it open until release(). */
export function holdStoreInAnotherProcess(file: string): Promise<Holder> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', holder, file], { cwd: projectRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const exited = new Promise<void>((res) => child.once('exit', () => res()));
    child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) {
        resolve({
          child,
          release: async () => {
            child.stdin!.end();
            await exited;
          },
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`holder exited (${code}) before it was ready: ${err}`)));
  });
}
