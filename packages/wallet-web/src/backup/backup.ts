import {
  decodeSdJwt,
  documentOfSdJwtClaims,
  normalizeCredentialJwt,
  readIssuerVct,
  parseCompactJws,
  validateCredential,
  type CredentialDocument,
  type CredentialTypeName,
} from '@skills-passport/core';
import { exportPrivateKeyForBackup, keyringFromBackup } from '../crypto/holder-key.js';
import { base64url, fromBase64url, fromUtf8, utf8 } from '../crypto/encoding.js';
import { publicKeyFromDidKey } from '../crypto/did-key.js';
import { WalletError, isWalletError } from '../errors.js';
import { assertSameCredential } from '../receive/same-credential.js';
import type { KeyringRecord, ShareLogEntry, StoredCredential, WalletDb } from '../store/db.js';
import {
  mergePublications,
  publications,
  publicationsSetting,
  readPublication,
  type Publication,
} from '../publish/publication.js';
import { readSelfDeclared, type SelfDeclaredSkill } from '../self-declared/self-declared-skill.js';

// Backup file format (README: "Backup format"). One JSON file:
//   { format, version, kdf: {name: PBKDF2, hash: SHA-256, iterations, salt}, cipher: {name: AES-GCM, iv},
//     check, ciphertext }
// PBKDF2 derives 512 bits from the passphrase: the first 256 are the AES-GCM key, the SHA-256 of
// the last 256 is `check`, which tells a wrong passphrase apart from a damaged file (it makes
// guessing no cheaper: each guess still costs the full PBKDF2). The header is the AES-GCM
// additional data, so changing any header field fails decryption too.

export const BACKUP_FORMAT = 'skills-passport-wallet-backup';
export const BACKUP_VERSION = 1;
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 600_000;
const MIN_ITERATIONS = 100_000;
const MAX_ITERATIONS = 10_000_000;
const MAX_BACKUP_BYTES = 20 * 1024 * 1024;

interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  check: string;
}

export interface BackupFile extends BackupHeader {
  ciphertext: string;
}

/**
 * What the encrypted part holds. A credential carries its envelopes as the wallet received them:
 * `jwt` (the VC-JWT), `ldp` (the Data Integrity credential), `sdJwt` (the SD-JWT VC with every
 * disclosure), or several; backups written before the wallet took Data Integrity credentials have
 * `jwt` only and restore as they always did.
 */
interface BackupContents {
  exportedAt: string;
  key: { did: string; publicKey: string; privateKeyPkcs8: string; createdAt: string };
  credentials: Omit<StoredCredential, 'lastStatus' | 'checkMemo'>[];
  shares: ShareLogEntry[];
  /** The verification links published, with their withdraw tokens (absent in older backups). */
  publications?: Publication[];
  /** The learner's self-declared skills (absent in older backups). */
  selfDeclared?: SelfDeclaredSkill[];
}

async function deriveKeys(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<{ aes: CryptoKey; check: string }> {
  const base = await crypto.subtle.importKey('raw', utf8(passphrase.normalize('NFC')), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 512),
  );
  const aes = await crypto.subtle.importKey('raw', bits.slice(0, 32), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  const check = base64url(await crypto.subtle.digest('SHA-256', bits.slice(32)));
  return { aes, check };
}

function headerBytes(header: BackupHeader): Uint8Array<ArrayBuffer> {
  const { format, version, kdf, cipher, check } = header;
  return utf8(JSON.stringify({ format, version, kdf, cipher, check }));
}

/**
 * Encrypts the whole wallet (key, credentials, share log, published links, self-declared skills)
 * under `passphrase`.
 */
export async function createBackup(
  db: WalletDb,
  keyring: KeyringRecord,
  passphrase: string,
): Promise<BackupFile> {
  const pkcs8 = await exportPrivateKeyForBackup(keyring);
  const contents: BackupContents = {
    exportedAt: new Date().toISOString(),
    key: {
      did: keyring.did,
      publicKey: base64url(keyring.publicKey),
      privateKeyPkcs8: base64url(pkcs8),
      createdAt: keyring.createdAt,
    },
    credentials: (await db.credentials()).map(({ lastStatus: _status, checkMemo: _memo, ...rest }) => rest),
    shares: await db.shares(),
    publications: await publications(db),
    selfDeclared: await db.selfDeclared(),
  };
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const { aes, check } = await deriveKeys(passphrase, salt, PBKDF2_ITERATIONS);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS, salt: base64url(salt) },
    cipher: { name: 'AES-GCM', iv: base64url(iv) },
    check,
  };
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: headerBytes(header) },
    aes,
    utf8(JSON.stringify(contents)),
  );
  return { ...header, ciphertext: base64url(ciphertext) };
}

function damaged(detail: string): WalletError {
  return new WalletError('ERR_BACKUP_DAMAGED', detail);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses and checks the outer structure of a backup file; throws ERR_BACKUP_DAMAGED. */
export function parseBackupFile(text: string): BackupFile {
  if (text.length > MAX_BACKUP_BYTES) throw damaged('too large');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw damaged('not JSON');
  }
  if (!isRecord(value) || value.format !== BACKUP_FORMAT) throw damaged('not a wallet backup');
  if (value.version !== BACKUP_VERSION) throw damaged('unknown version');
  const { kdf, cipher } = value;
  if (
    !isRecord(kdf) ||
    kdf.name !== 'PBKDF2' ||
    kdf.hash !== 'SHA-256' ||
    typeof kdf.iterations !== 'number' ||
    !Number.isInteger(kdf.iterations) ||
    kdf.iterations < MIN_ITERATIONS ||
    kdf.iterations > MAX_ITERATIONS ||
    typeof kdf.salt !== 'string' ||
    (fromBase64url(kdf.salt)?.length ?? 0) < 16
  ) {
    throw damaged('key derivation');
  }
  if (!isRecord(cipher) || cipher.name !== 'AES-GCM' || typeof cipher.iv !== 'string')
    throw damaged('cipher');
  if (fromBase64url(cipher.iv)?.length !== 12) throw damaged('cipher');
  if (typeof value.check !== 'string' || typeof value.ciphertext !== 'string') throw damaged('fields');
  if (fromBase64url(value.ciphertext) === undefined) throw damaged('ciphertext');
  return value as unknown as BackupFile;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** What one envelope of a backed-up credential says, read offline as receiving reads it. */
interface ReadEnvelope {
  document: CredentialDocument;
  type: CredentialTypeName;
  issuerDid: string;
}

function readJwt(jwt: string): ReadEnvelope {
  const parsed = parseCompactJws(jwt);
  const normalized = parsed.ok ? normalizeCredentialJwt(parsed.jws.payload) : undefined;
  const validation = normalized?.ok === true ? validateCredential(normalized.value.credential) : undefined;
  if (normalized?.ok !== true || validation?.valid !== true) throw damaged('credential');
  return { document: validation.credential, type: validation.type, issuerDid: normalized.value.issuer };
}

function readLdp(secured: Record<string, unknown>): ReadEnvelope {
  if (!isRecord(secured.proof) && !Array.isArray(secured.proof)) throw damaged('credential');
  const { proof: _proof, ...document } = secured;
  const validation = validateCredential(document);
  if (!validation.valid) throw damaged('credential');
  return {
    document: validation.credential,
    type: validation.type,
    issuerDid: validation.credential.issuer.id,
  };
}

/**
 * What an SD-JWT VC says, read offline: every disclosure in place (RFC 9901's rules, by core's
 * decoder), its type from its `vct` (one of ours, at its issuer's host), the document core
 * rebuilds from its claims, held to the model as far as it goes (it names no subject DID).
 */
function readSdJwt(token: string): ReadEnvelope {
  const decoded = decodeSdJwt(token);
  if (!decoded.ok) throw damaged('credential');
  const claims = decoded.value.claims;
  if (typeof claims.iss !== 'string') throw damaged('credential');
  const vct = readIssuerVct(claims.vct, claims['vct#integrity'], claims.iss);
  if (!vct.ok) throw damaged('credential');
  const document = documentOfSdJwtClaims(claims, vct.type, vct.origin);
  const validation = validateCredential(document);
  const onlyWithheld =
    validation.valid || validation.issues.every((i) => i.rule === 'required' || i.rule === 'minItems');
  if (!onlyWithheld) throw damaged('credential');
  return {
    document: validation.valid ? validation.credential : (document as unknown as CredentialDocument),
    type: vct.type,
    issuerDid: claims.iss,
  };
}

/**
 * A credential from a backup, as receiving would have stored it: its document read from its
 * envelopes (the VC-JWT, the Data Integrity credential, the SD-JWT VC, or several) and checked against the model
 * offline (signatures and status are checked when it is shown). With two envelopes, both must
 * carry the same credential, as on receipt. What the file says beside the envelopes is not
 * believed, so a backup cannot put a document its envelopes do not carry on the passport, nor
 * one the screens cannot show.
 */
function restoredCredential(value: unknown): Omit<StoredCredential, 'lastStatus' | 'checkMemo'> {
  if (!isRecord(value) || !isString(value.id)) throw damaged('credential');
  const { jwt, ldp, sdJwt } = value;
  if (
    (jwt !== undefined && !isString(jwt)) ||
    (ldp !== undefined && !isRecord(ldp)) ||
    (sdJwt !== undefined && !isString(sdJwt))
  )
    throw damaged('credential');
  if (jwt === undefined && ldp === undefined && sdJwt === undefined) throw damaged('credential');
  const read = [
    ...(jwt === undefined ? [] : [{ format: 'jwt_vc_json' as const, ...readJwt(jwt) }]),
    ...(ldp === undefined ? [] : [{ format: 'ldp_vc' as const, ...readLdp(ldp) }]),
    ...(sdJwt === undefined ? [] : [{ format: 'dc+sd-jwt' as const, ...readSdJwt(sdJwt) }]),
  ];
  try {
    assertSameCredential(
      read.map((r) => ({
        envelope:
          r.format === 'jwt_vc_json'
            ? { format: r.format, jwt: jwt! }
            : r.format === 'ldp_vc'
              ? { format: r.format, credential: ldp! }
              : { format: r.format, token: sdJwt! },
        id: r.document.id,
        document: r.document,
        type: r.type,
        issuerDid: r.issuerDid,
      })),
    );
  } catch (error) {
    throw isWalletError(error) ? damaged('credential envelopes differ') : error;
  }
  const first = read[0]!;
  if (first.document.id !== value.id) throw damaged('credential');
  return {
    id: value.id,
    ...(jwt === undefined ? {} : { jwt }),
    ...(ldp === undefined ? {} : { ldp }),
    ...(sdJwt === undefined ? {} : { sdJwt }),
    document: first.document,
    type: first.type,
    issuerDid: first.issuerDid,
    receivedAt: isString(value.receivedAt) ? value.receivedAt : new Date().toISOString(),
    ...(isString(value.credentialIssuer) ? { credentialIssuer: value.credentialIssuer } : {}),
  };
}

const OUTCOMES: ReadonlySet<unknown> = new Set(['accepted', 'rejected', 'failed']);

/** A share log entry from a backup, with exactly the members the share log shows. */
function restoredShare(value: unknown): ShareLogEntry {
  const v = isRecord(value) ? value : {};
  const verifier = isRecord(v.verifier) ? v.verifier : {};
  const credentials = Array.isArray(v.credentials) ? v.credentials : [];
  if (
    !isString(v.id) ||
    !isString(v.at) ||
    !isString(verifier.clientId) ||
    !isString(verifier.name) ||
    !isString(verifier.origin) ||
    !Array.isArray(v.requested) ||
    !v.requested.every(isString) ||
    !Array.isArray(v.credentials) ||
    !credentials.every(
      (c) =>
        isRecord(c) &&
        isString(c.id) &&
        isString(c.name) &&
        (c.disclosed === undefined || (Array.isArray(c.disclosed) && c.disclosed.every(isString))) &&
        (c.selfDeclared === undefined || c.selfDeclared === true),
    ) ||
    !OUTCOMES.has(v.outcome) ||
    (v.detail !== undefined && !isString(v.detail))
  ) {
    throw damaged('share log');
  }
  return {
    id: v.id,
    at: v.at,
    verifier: { clientId: verifier.clientId, name: verifier.name, origin: verifier.origin },
    requested: v.requested,
    credentials: (credentials as ShareLogEntry['credentials']).map(
      ({ id, name, disclosed, selfDeclared }) => ({
        id,
        name,
        ...(disclosed === undefined ? {} : { disclosed }),
        ...(selfDeclared === true ? { selfDeclared } : {}),
      }),
    ),
    outcome: v.outcome as ShareLogEntry['outcome'],
    ...(isString(v.detail) ? { detail: v.detail } : {}),
  };
}

function parseContents(plain: Uint8Array): BackupContents {
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(plain));
  } catch {
    throw damaged('contents');
  }
  if (
    !isRecord(value) ||
    !isRecord(value.key) ||
    !Array.isArray(value.credentials) ||
    !Array.isArray(value.shares) ||
    (value.publications !== undefined && !Array.isArray(value.publications)) ||
    (value.selfDeclared !== undefined && !Array.isArray(value.selfDeclared))
  ) {
    throw damaged('contents');
  }
  const key = value.key;
  if (
    !isString(key.did) ||
    !isString(key.privateKeyPkcs8) ||
    !isString(key.publicKey) ||
    !isString(key.createdAt)
  ) {
    throw damaged('key');
  }
  return {
    exportedAt: isString(value.exportedAt) ? value.exportedAt : '',
    key: {
      did: key.did,
      publicKey: key.publicKey,
      privateKeyPkcs8: key.privateKeyPkcs8,
      createdAt: key.createdAt,
    },
    credentials: value.credentials.map(restoredCredential),
    shares: value.shares.map(restoredShare),
    publications: (Array.isArray(value.publications) ? value.publications : []).map((p) => {
      const read = readPublication(p);
      if (read === undefined) throw damaged('publications');
      return read;
    }),
    selfDeclared: (Array.isArray(value.selfDeclared) ? value.selfDeclared : []).map((s) => {
      const read = readSelfDeclared(s);
      if (read === undefined) throw damaged('self-declared skills');
      return read;
    }),
  };
}

/** What a restore put in the wallet: its key, and each credential by name and issuer. */
export interface RestoreOutcome {
  keyring: KeyringRecord;
  credentials: { id: string; name: string; issuer: string }[];
}

/**
 * Decrypts a backup and replaces the wallet with it in one transaction. A wrong passphrase
 * (`ERR_BACKUP_PASSPHRASE`) or a damaged file (`ERR_BACKUP_DAMAGED`) throws before anything is
 * written, so the wallet stays as it was.
 */
export async function restoreBackup(db: WalletDb, text: string, passphrase: string): Promise<RestoreOutcome> {
  const file = parseBackupFile(text);
  const salt = fromBase64url(file.kdf.salt)!;
  const iv = fromBase64url(file.cipher.iv)!;
  const { aes, check } = await deriveKeys(passphrase, salt, file.kdf.iterations);
  if (check !== file.check) throw new WalletError('ERR_BACKUP_PASSPHRASE');
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: headerBytes(file) },
      aes,
      fromBase64url(file.ciphertext)!,
    );
  } catch {
    throw damaged('authentication failed');
  }
  const contents = parseContents(new Uint8Array(plain));
  const publicKey = fromBase64url(contents.key.publicKey);
  const didKey = publicKeyFromDidKey(contents.key.did);
  if (publicKey === undefined || didKey === undefined || base64url(didKey) !== contents.key.publicKey) {
    throw damaged('key does not match its DID');
  }
  let keyring: KeyringRecord;
  try {
    keyring = await keyringFromBackup(
      fromBase64url(contents.key.privateKeyPkcs8)!.buffer,
      publicKey,
      contents.key.createdAt,
    );
  } catch (cause) {
    throw new WalletError('ERR_BACKUP_DAMAGED', 'key', { cause });
  }
  // Links this wallet published stay too: their withdraw tokens are nowhere else.
  const links = mergePublications(await publications(db), contents.publications ?? []);
  await db.replaceAll(
    keyring,
    contents.credentials,
    contents.shares,
    [publicationsSetting(links)],
    contents.selfDeclared,
  );
  return {
    keyring,
    credentials: contents.credentials.map(({ id, document }) => ({
      id,
      name: document.name,
      issuer: document.issuer.name,
    })),
  };
}
