/** What other features may use of this one: they import it from here, never from its files. */
export { CommitteeRedirect } from './components/committee-redirect.tsx';
export { isNoAccess, NoAccessNotice } from './components/no-access.tsx';
export { useCommittee, useCommitteeName, useCommittees, useMembers } from './hooks/use-committees.ts';
