// Zod-free: what a screen needs without the wire schemas (re-exported by auth.schema.ts).

export const LOCALES = ['en', 'ms'] as const;
export type Locale = (typeof LOCALES)[number];

/** RFC 5321 caps an address at 254 characters; longer input is refused before any lookup. */
export const EMAIL_MAX_LENGTH = 254;
