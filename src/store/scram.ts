import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The server side of SCRAM-SHA-256 (RFC 5802 and 7677) as Postgres speaks it: the user name inside
 * the SCRAM messages is ignored (the start-up message names the user) and channel binding is not
 * offered (the connection is plain TCP on loopback).
 */
export const scramMechanism = 'SCRAM-SHA-256';

/** What the server keeps of a password: enough to check a proof, never the password itself. */
export interface ScramVerifier {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

/** A malformed or out-of-order SCRAM message: a protocol violation, not a wrong password. */
export class ScramProtocolError extends Error {}

/** Postgres's own default iteration count (scram_iterations). */
const defaultIterations = 4096;

/** SASLprep leaves an ASCII password as it is; smtp-desk only generates such passwords. */
export function scramVerifier(password: string, iterations = defaultIterations): ScramVerifier {
  const salt = randomBytes(16);
  const saltedPassword = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  return {
    salt,
    iterations,
    storedKey: sha256(hmac(saltedPassword, 'Client Key')),
    serverKey: hmac(saltedPassword, 'Server Key'),
  };
}

export interface ScramExchange {
  /** Answers the client-first-message with the server-first-message. */
  serverFirst(clientFirst: string): string;
  /** The server-final-message when the client-final-message proves the password, else null. */
  serverFinal(clientFinal: string): string | null;
}

export function scramExchange(verifier: ScramVerifier): ScramExchange {
  let first: { gs2Header: string; clientFirstBare: string; serverFirst: string; nonce: string } | undefined;
  return {
    serverFirst(clientFirst) {
      // gs2-header: a channel-binding flag ("n" or "y"; "p=…" asks for binding we did not offer), an authzid.
      const match = /^([ny]),(a=[^,]*)?,(.*)$/s.exec(clientFirst);
      if (!match) throw new ScramProtocolError('malformed SCRAM message (the client-first-message, or channel binding that was not offered)');
      const clientFirstBare = match[3]!;
      const clientNonce = attributes(clientFirstBare).get('r');
      if (!clientNonce) throw new ScramProtocolError('malformed SCRAM message (no nonce in the client-first-message)');
      const nonce = clientNonce + randomBytes(18).toString('base64');
      const serverFirst = `r=${nonce},s=${verifier.salt.toString('base64')},i=${verifier.iterations}`;
      first = { gs2Header: clientFirst.slice(0, clientFirst.length - clientFirstBare.length), clientFirstBare, serverFirst, nonce };
      return serverFirst;
    },
    serverFinal(clientFinal) {
      if (!first) throw new ScramProtocolError('SCRAM client-final-message before the client-first-message');
      const proofAt = clientFinal.lastIndexOf(',p=');
      const withoutProof = clientFinal.slice(0, proofAt);
      const fields = attributes(withoutProof);
      if (proofAt < 0 || fields.get('c') !== Buffer.from(first.gs2Header).toString('base64') || fields.get('r') !== first.nonce) {
        throw new ScramProtocolError('malformed SCRAM message (the client-final-message does not continue this exchange)');
      }
      const proof = Buffer.from(clientFinal.slice(proofAt + 3), 'base64');
      const authMessage = `${first.clientFirstBare},${first.serverFirst},${withoutProof}`;
      const clientSignature = hmac(verifier.storedKey, authMessage);
      if (proof.length !== clientSignature.length) return null;
      const clientKey = Buffer.from(proof.map((byte, index) => byte ^ clientSignature[index]!));
      if (!timingSafeEqual(sha256(clientKey), verifier.storedKey)) return null;
      return `v=${hmac(verifier.serverKey, authMessage).toString('base64')}`;
    },
  };
}

/** The `x=value` attributes of a SCRAM message (values may hold "=", never ","). */
function attributes(message: string): Map<string, string> {
  return new Map(message.split(',').map((field) => [field.slice(0, 1), field.slice(2)] as const));
}

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();
