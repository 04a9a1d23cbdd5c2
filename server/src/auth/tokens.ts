import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as jose from 'jose';
import type { Config } from '../config.js';

const ALG = 'EdDSA';

export interface TokenSigner {
  /** Signs a short-lived access token for a session. */
  signAccessToken(claims: { userId: string; sessionId: string }): Promise<{ token: string; expiresAt: Date }>;
  /** Verifies signature (EdDSA only), issuer, audience and expiry; null when any check fails. */
  verifyAccessToken(token: string): Promise<{ userId: string; sessionId: string } | null>;
  /** The public keys, for other services that verify our tokens. */
  jwks: { keys: jose.JWK[] };
}

/**
 * Loads the signing key from configuration, or outside production generates one and keeps it in
 * DATA_DIR so tokens survive restarts.
 */
export async function createTokenSigner(config: Config): Promise<TokenSigner> {
  const pem = config.auth.privateKeyPem ?? (await devKeyPem(config.dataDir));
  const privateKey = await jose.importPKCS8(pem, ALG, { extractable: true });
  const publicJwk = await jose.exportJWK(privateKey);
  delete publicJwk.d;
  const kid = await jose.calculateJwkThumbprint(publicJwk);
  const publicKey = await jose.importJWK(publicJwk, ALG);
  const { issuer, audience, accessTokenTtlSeconds } = config.auth;

  return {
    jwks: { keys: [{ ...publicJwk, kid, alg: ALG, use: 'sig' }] },
    async signAccessToken({ userId, sessionId }) {
      const expiresAt = new Date(Date.now() + accessTokenTtlSeconds * 1000);
      const token = await new jose.SignJWT({ sid: sessionId })
        .setProtectedHeader({ alg: ALG, kid, typ: 'at+jwt' })
        .setSubject(userId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        // A unique id (RFC 9068 requires one), so two tokens issued in the same second still differ.
        .setJti(randomUUID())
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(privateKey);
      return { token, expiresAt };
    },
    async verifyAccessToken(token) {
      try {
        const { payload, protectedHeader } = await jose.jwtVerify(token, publicKey, {
          algorithms: [ALG],
          issuer,
          audience,
          typ: 'at+jwt',
          requiredClaims: ['sub', 'exp', 'sid'],
        });
        if (protectedHeader.kid !== kid || typeof payload.sid !== 'string' || !payload.sub) return null;
        return { userId: payload.sub, sessionId: payload.sid };
      } catch {
        return null;
      }
    },
  };
}

async function devKeyPem(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'keys', 'jwt-ed25519.pem');
  try {
    return await readFile(file, 'utf8');
  } catch {
    const { privateKey } = await jose.generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
    const pem = await jose.exportPKCS8(privateKey);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, pem, { mode: 0o600 });
    return pem;
  }
}

/** A random secret for refresh tokens, invite links and API keys. */
export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Secrets we hand out are high-entropy, so a plain SHA-256 is the right hash (no salt or stretching needed). */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
