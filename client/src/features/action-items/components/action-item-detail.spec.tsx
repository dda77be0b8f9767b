import { describe, expect, it } from '@jest/globals';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { CHAIR_ID, chairUser, committee, MEMBER_ID, makeActionItem, members } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { ActionItemDetail } from './action-item-detail.tsx';

const item = makeActionItem({ title: 'Draft the export note', ownerIds: [MEMBER_ID], createdById: CHAIR_ID });

/** The detail page as a save leaves it: the router state says what was saved. */
function AfterSave() {
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    if (!location.state) navigate(location.pathname, { state: { saved: 'updated' } });
  }, [location, navigate]);
  return <ActionItemDetail item={item} committee={committee} user={chairUser} members={members} />;
}

describe(ActionItemDetail.name, () => {
  it('should not call anyone "Unknown user" while the members are still loading', () => {
    renderWithApp(<ActionItemDetail item={item} committee={committee} user={chairUser} members={undefined} />);
    expect(screen.queryByText(/Unknown user/)).toBeNull();
    expect(screen.getAllByText('Loading name…').length).toBeGreaterThan(0);
  });

  it('should name owners and creator once the members are in, and say "Unknown user" only for someone not among them', () => {
    const stranger = makeActionItem({ ownerIds: ['99999999-9999-4999-8999-999999999999'], createdById: CHAIR_ID });
    const { unmount } = renderWithApp(<ActionItemDetail item={item} committee={committee} user={chairUser} members={members} />);
    expect(screen.getByText('JMG officer')).toBeInTheDocument();
    expect(screen.getByText('Chair (MITI)')).toBeInTheDocument();
    unmount();
    renderWithApp(<ActionItemDetail item={stranger} committee={committee} user={chairUser} members={members} />);
    expect(screen.getByText('Unknown user')).toBeInTheDocument();
  });

  it('should name an owner "Name (AGENCY)", the agency once', () => {
    const named = members.map((member) => (member.userId === MEMBER_ID ? { ...member, name: 'Aminah Hassan', agency: 'JMG' } : member));
    renderWithApp(<ActionItemDetail item={item} committee={committee} user={chairUser} members={named} />);
    expect(screen.getByText('Aminah Hassan (JMG)')).toBeInTheDocument();
    expect(screen.getByText('Chair (MITI)')).toBeInTheDocument();
    expect(screen.queryByText(/\(MITI\) \(MITI\)/)).toBeNull();
  });

  it('should confirm a save handed over by the form, and let it be dismissed', async () => {
    renderWithApp(<AfterSave />, { path: `/c/${committee.id}/actions/${item.id}` });
    const toast = await screen.findByTestId('toast');
    expect(toast).toHaveTextContent('Changes saved.');
    expect(toast).toHaveAttribute('role', 'status');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('toast')).toBeNull();
  });
});
