// Zod-free (re-exported by `@sidang/shared/constants`).

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A person as every screen and file names them: "Name (AGENCY)", once — without repeating an
 * agency the name already carries ("Pegawai Dasar Mineral (NRES)" stays as it is), and the
 * name alone when there is no agency.
 */
export function personLabel(person: { name: string; agency?: string | null }): string {
  const name = person.name.trim();
  const agency = person.agency?.trim() ?? '';
  if (!agency) return name;
  const named = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(agency)}($|[^\\p{L}\\p{N}])`, 'iu');
  return named.test(name) ? name : `${name} (${agency})`;
}
