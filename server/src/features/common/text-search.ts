/**
 * Prisma's `contains` binds the term as a parameter but still matches it with (I)LIKE, where `%` and `_`
 * are wildcards and `\` escapes (checked on PostgreSQL 15 with Prisma 7: a search for "%" matched every
 * row, one for "\" none). Every search goes through here so the term is matched literally.
 */
const escapeLike = (term: string) => term.replace(/[\\%_]/g, (char) => `\\${char}`);

/** Case-sensitive "contains this text", for digits and codes. */
export const containsLiteral = (term: string) => ({ contains: escapeLike(term) });

/** Case-insensitive "contains this text", for names. */
export const containsText = (term: string) => ({ contains: escapeLike(term), mode: 'insensitive' as const });
