// Loaded on first use: the native module took ~140 ms of every start, which needs no password to answer.
const argon2 = () => import('@node-rs/argon2');

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1): ~30 ms here, slow enough to hurt guessing.
const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id, a const enum */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** A hash to verify against when the user does not exist, so both answers take as long. */
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$YaivjF0iRMVoO469qKEzYQ$62YYuTcihoPkiRrkA231RGhKHPPII5CKo48vowCUQjM';

export const hashPassword = async (password: string) => (await argon2()).hash(password, OPTIONS);

/** True when the password matches; always does the full work, even with no stored hash. */
export async function verifyPassword(
  storedHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  const { verify } = await argon2();
  const ok = await verify(storedHash ?? DUMMY_HASH, password).catch(() => false);
  return ok && Boolean(storedHash);
}
