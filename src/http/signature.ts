import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * Discord signs every request to the Interactions Endpoint URL with the application's Ed25519 key:
 * `X-Signature-Ed25519` (hex) over `X-Signature-Timestamp` (Unix seconds) followed by the raw body.
 */

/** How far a request's timestamp may be from now, either way (Discord's replay window). */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** Why a request was refused (for the debug log and tests; never shown to the caller). */
export type SignatureProblem = 'missing signature' | 'missing timestamp' | 'malformed signature' | 'malformed timestamp' | 'stale or future timestamp' | 'wrong signature';

/** An Ed25519 public key as a DER SubjectPublicKeyInfo is this 12-byte header + the 32 raw bytes. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export const PUBLIC_KEY_PATTERN = /^[0-9a-fA-F]{64}$/;
/** 64 bytes. `Buffer.from(x, 'hex')` silently stops at the first bad pair, so the shape is checked first. */
const SIGNATURE_PATTERN = /^[0-9a-fA-F]{128}$/;
const TIMESTAMP_PATTERN = /^\d{1,12}$/;

/** The application's public key (64 hex characters, as the developer portal shows it) as a KeyObject. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!PUBLIC_KEY_PATTERN.test(hex)) throw new Error('an Ed25519 public key is 64 hex characters');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

/**
 * Checks a request's signature. Resolves with null when it is Discord's, else why not. The shape
 * and the timestamp are checked at once; the Ed25519 verification itself runs on libuv's thread
 * pool (the callback form of crypto.verify), so it does not hold up the event loop: it is the
 * largest single cost of a request. `nowMs` is the current time (a parameter so that tests need no clock).
 */
export function checkSignature(
  key: KeyObject,
  headers: { signature: string | string[] | undefined; timestamp: string | string[] | undefined },
  body: Buffer,
  nowMs: number,
): Promise<SignatureProblem | null> {
  const signature = header(headers.signature);
  const timestamp = header(headers.timestamp);
  const problem = shapeProblem(signature, timestamp, nowMs);
  if (problem) return Promise.resolve(problem);
  return new Promise((resolve) => {
    try {
      verify(null, Buffer.concat([Buffer.from(timestamp!, 'utf8'), body]), key, Buffer.from(signature!, 'hex'), (error, ok) => resolve(!error && ok ? null : 'wrong signature'));
    } catch {
      resolve('wrong signature');
    }
  });
}

function shapeProblem(signature: string | undefined, timestamp: string | undefined, nowMs: number): SignatureProblem | null {
  if (!signature) return 'missing signature';
  if (!timestamp) return 'missing timestamp';
  if (!SIGNATURE_PATTERN.test(signature)) return 'malformed signature';
  if (!TIMESTAMP_PATTERN.test(timestamp)) return 'malformed timestamp';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return 'stale or future timestamp';
  return null;
}
