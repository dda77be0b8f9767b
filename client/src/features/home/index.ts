/** What other features may use of this one: they import it from here, never from its files. */
export { useCommitteeHome, useMyHome } from './hooks/use-home.ts';
