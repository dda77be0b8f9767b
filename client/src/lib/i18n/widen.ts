/**
 * The shape of a locale table with every string widened: what another language's table must
 * fill, key for key, from the English one (written `as const`).
 */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
