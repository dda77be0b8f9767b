import type { ValueTransformer } from 'typeorm';

/** PostgreSQL bigint arrives as a string; seqs stay far below 2^53, so a number is exact. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
