import { describe, expect, it } from '@jest/globals';
import type { Member, MemberCandidate } from '@sidang/shared';
import { QueryClient } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { queryKeys } from '../../../lib/query-keys.ts';
import { COMMITTEE_ID, chairUser, members as fixtureMembers, jsonResponse, MEMBER_ID } from '../../../test/fixtures.ts';
import { type RecordedCall, renderWithApp } from '../../../test/render.tsx';
import { MembersManager } from './members-manager.tsx';

/** The fixture's members as an administrator sees them: with their clearance. */
const MEMBERS: Member[] = [
  { ...(fixtureMembers[0] as Member), clearance: 'SECRET' },
  { ...(fixtureMembers[1] as Member), clearance: 'CONFIDENTIAL', version: 3 },
];
const CANDIDATES: MemberCandidate[] = [];

/** The API as the server answers it: the list shrinks once the DELETE has been made. */
function server() {
  let members = [...MEMBERS];
  return (call: RecordedCall) => {
    if (call.method === 'GET' && call.url === `/api/admin/committees/${COMMITTEE_ID}/members`) return jsonResponse(200, members);
    if (call.method === 'GET' && call.url === `/api/committees/${COMMITTEE_ID}/member-candidates`) return jsonResponse(200, CANDIDATES);
    if (call.method === 'DELETE' && call.url === `/api/committees/${COMMITTEE_ID}/members/${MEMBER_ID}`) {
      members = members.filter((m) => m.userId !== MEMBER_ID);
      return jsonResponse(204);
    }
    return jsonResponse(404, { statusCode: 404, message: 'Not found' });
  };
}

describe(MembersManager.name, () => {
  it('should ask before removing a member, and send nothing when the removal is cancelled', async () => {
    const { calls } = renderWithApp(<MembersManager committeeId={COMMITTEE_ID} committeeCode="JTK-REE" asAdmin />, { handler: server() });
    await userEvent.click(await screen.findByRole('button', { name: 'Remove JMG officer' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveTextContent('Remove JMG officer from JTK-REE? They stop receiving its records at once.');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Remove JMG officer' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(calls.filter((call) => call.method === 'DELETE')).toEqual([]);
    expect(screen.getByRole('rowheader', { name: 'JMG officer' })).toBeInTheDocument();
  });

  it('should remove the member once confirmed, and say so', async () => {
    const { calls } = renderWithApp(<MembersManager committeeId={COMMITTEE_ID} committeeCode="JTK-REE" asAdmin />, { handler: server() });
    await userEvent.click(await screen.findByRole('button', { name: 'Remove JMG officer' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByRole('status')).toHaveTextContent('JMG officer removed.');
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'JMG officer' })).not.toBeInTheDocument());
    expect(calls.filter((call) => call.method === 'DELETE').map((call) => call.url)).toEqual([
      `/api/committees/${COMMITTEE_ID}/members/${MEMBER_ID}`,
    ]);
    expect(screen.getByText('Every active account is already a member.')).toBeInTheDocument();
  });

  it('should not offer the signed-in user a change of their own membership, and say who changes it', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    queryClient.setQueryData(queryKeys.me, chairUser);
    renderWithApp(<MembersManager committeeId={COMMITTEE_ID} committeeCode="JTK-REE" asAdmin />, { handler: server(), queryClient });
    const own = (await screen.findByRole('rowheader', { name: 'Chair (MITI)' })).closest('tr') as HTMLElement;
    expect(within(own).queryByRole('combobox')).not.toBeInTheDocument();
    expect(within(own).queryByRole('button')).not.toBeInTheDocument();
    expect(own).toHaveTextContent('Your own membership is changed by another administrator.');
    // Positive control: another member's row keeps its controls.
    const other = screen.getByRole('rowheader', { name: 'JMG officer' }).closest('tr') as HTMLElement;
    expect(within(other).getByRole('combobox', { name: 'Role of JMG officer' })).toBeInTheDocument();
    expect(within(other).getByRole('button', { name: 'Remove JMG officer' })).toBeInTheDocument();
  });
});
