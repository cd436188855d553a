/**
 * Enrolment through the shared folder (`<folder>/enrol/`):
 * 1. head office writes `<code>.invite.json` for a service centre: the company, head
 *    office's public key and the site's assigned code and name, signed by head office;
 * 2. the site reads it, makes its own key pair and writes `<code>.reply.json`: its site id,
 *    code, name and public key, naming the invitation it answers, signed by its new key;
 * 3. the head-office admin approves the reply only after reading the site's fingerprint
 *    aloud with the site by phone: a reply whose fingerprint was not confirmed is never
 *    trusted. The site likewise shows head office's fingerprint to compare.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { writeFileAtomic } from './files.js';
import { signBytes, verifyBytes, type SigningKey } from './keys.js';
import { fingerprint, sha256 } from './rules.js';

export const ENROL_DIR = 'enrol';

const party = z.object({ writer: z.string().min(1).max(64), code: z.string().min(1).max(32), name: z.string().min(1).max(100) });
const invitationSchema = z.object({
  format: z.literal('front-desk-enrol'),
  company: party,
  headOfficeKey: z.string().min(1).max(200),
  site: z.object({ code: z.string().min(1).max(32), name: z.string().min(1).max(100) }),
});
const replySchema = z.object({
  format: z.literal('front-desk-enrol-reply'),
  site: party,
  publicKey: z.string().min(1).max(200),
  /** SHA-256 of the invitation text answered */
  invitation: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Invitation = z.infer<typeof invitationSchema>;
export type Reply = z.infer<typeof replySchema>;

const inviteFile = (folder: string, code: string) => join(folder, ENROL_DIR, `${code}.invite.json`);
const replyFile = (folder: string, code: string) => join(folder, ENROL_DIR, `${code}.reply.json`);

export function writeSigned(file: string, body: unknown, key: SigningKey): void {
  const text = JSON.stringify(body);
  writeFileAtomic(file, Buffer.from(`${JSON.stringify({ body: text, signature: signBytes(key, Buffer.from(text)) }, null, 1)}\n`));
}

export function readSigned<T>(file: string, schema: z.ZodType<T>, keyOf: (body: T) => string): { body: T; text: string } | null {
  if (!existsSync(file)) return null;
  try {
    const outer = JSON.parse(readFileSync(file, 'utf8')) as { body?: unknown; signature?: unknown };
    const text = String(outer.body ?? '');
    const body = schema.parse(JSON.parse(text));
    if (!verifyBytes(keyOf(body), Buffer.from(text), String(outer.signature ?? ''))) throw new Error('signature');
    return { body, text };
  } catch {
    throw new AppError('sync.enrol_damaged', { file: file.slice(-80) });
  }
}

export function writeInvitation(folder: string, key: SigningKey, company: Invitation['company'], site: Invitation['site']): void {
  writeSigned(inviteFile(folder, site.code), { format: 'front-desk-enrol', company, headOfficeKey: key.publicKey, site } satisfies Invitation, key);
}

/** The invitation for `code`, its signature checked against the key it carries (its fingerprint is compared by phone). */
export function readInvitation(folder: string, code: string): { invitation: Invitation; hash: string; fingerprint: string } | null {
  const got = readSigned(inviteFile(folder, code), invitationSchema, (b) => b.headOfficeKey);
  return got && { invitation: got.body, hash: sha256(got.text), fingerprint: fingerprint(got.body.headOfficeKey) };
}

export function writeReply(folder: string, key: SigningKey, site: Reply['site'], invitationHash: string): void {
  writeSigned(replyFile(folder, site.code), { format: 'front-desk-enrol-reply', site, publicKey: key.publicKey, invitation: invitationHash } satisfies Reply, key);
}

export function readReply(folder: string, code: string): { reply: Reply; fingerprint: string } | null {
  const got = readSigned(replyFile(folder, code), replySchema, (b) => b.publicKey);
  return got && { reply: got.body, fingerprint: fingerprint(got.body.publicKey) };
}
