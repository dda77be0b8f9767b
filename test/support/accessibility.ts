import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** A violation worth failing a build over, flattened for a readable assertion diff. */
export interface BlockingViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe on the page as it is and returns the serious and critical violations, printing
 * them (with the offending selectors) so a failure says what to fix.
 */
export async function blockingViolations(page: Page, label: string): Promise<BlockingViolation[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.slice(0, 10).map((node) => node.target.join(' ')),
    }));
  if (blocking.length > 0) {
    console.warn(`axe: ${blocking.length} serious/critical violation(s) on ${label}:\n${JSON.stringify(blocking, null, 2)}`);
  }
  return blocking;
}
