/** What other features may use of this one: they import it from here, never from its files. */
export { ItemDeciding, ProjectorVotes } from './components/item-deciding.tsx';
export { AwaitingResolutions, MeetingResolutions } from './components/resolution-pages.tsx';
