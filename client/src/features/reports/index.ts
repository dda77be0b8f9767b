/** What other features may use of this one: they import it from here, never from its files. */
export { ReportsPage } from './components/reports-page.tsx';
