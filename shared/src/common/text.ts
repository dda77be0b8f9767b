import { z } from 'zod';

/** The machine code of a string refused for carrying U+0000 (PostgreSQL cannot store it). */
export const NUL_BYTE_CODE = 'nul_byte';

const NUL = '\u0000';

/**
 * A string that may not contain U+0000. Every string the API accepts is built from this, so a
 * NUL is refused with a 400 naming the field instead of reaching the database.
 */
export function text() {
  return z.string().refine((value) => !value.includes(NUL), {
    message: 'must not contain a NUL character (U+0000)',
    params: { code: NUL_BYTE_CODE },
    abort: true,
  });
}
