/**
 * Signing keys (Ed25519, node:crypto). A store's private key lives in its data folder
 * (`sync-key.pem`, readable by the desk's user only), never in the store and never in the
 * change log; its public key travels in enrolment files and is what receivers check.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprint } from './rules.js';
import { writeFileAtomic } from './files.js';

export const KEY_FILE = 'sync-key.pem';

export interface SigningKey {
  privateKey: KeyObject;
  /** base64 SPKI DER */
  publicKey: string;
  fingerprint: string;
}

function fromPrivate(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
  return { privateKey, publicKey, fingerprint: fingerprint(publicKey) };
}

export function newSigningKey(): SigningKey {
  return fromPrivate(generateKeyPairSync('ed25519').privateKey);
}

/** Keep the private key in the data folder (written atomically, owner-only). */
export function saveSigningKey(dataDir: string, key: SigningKey): void {
  const pem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileAtomic(join(dataDir, KEY_FILE), Buffer.from(pem), 0o600);
}

export function loadSigningKey(dataDir: string): SigningKey | null {
  const file = join(dataDir, KEY_FILE);
  if (!existsSync(file)) return null;
  return fromPrivate(createPrivateKey(readFileSync(file)));
}

export function signBytes(key: SigningKey, data: Buffer): string {
  return sign(null, data, key.privateKey).toString('base64');
}

/** Whether `signature` (base64) is `publicKey`'s signature of `data`; false for anything malformed. */
export function verifyBytes(publicKey: string, data: Buffer, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, data, key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
