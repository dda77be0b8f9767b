/** What other features may use of this one: they import it from here, never from its files. */
export { FollowToggle } from './components/follow-toggle.tsx';
export { NotificationBell } from './components/notification-bell.tsx';
