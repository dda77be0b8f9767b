import { describe, expect, it } from '@jest/globals';
import { configure, screen } from '@testing-library/react';
import { COMMITTEE_ID } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { apiTable, makeBilateral, makeNegotiation, makeProject, page } from '../test-fixtures.ts';
import { RegistersHomePage } from './registers-home.tsx';

configure({ asyncUtilTimeout: 5_000 });

describe(RegistersHomePage.name, () => {
  it('should lead to each register with its count, and to what the phone bar folds under More', async () => {
    renderWithApp(<RegistersHomePage />, {
      path: `/c/${COMMITTEE_ID}/registers`,
      route: '/c/:committeeId/registers',
      handler: apiTable({
        [`GET /api/committees/${COMMITTEE_ID}/bilateral-meetings`]: page([makeBilateral(), makeBilateral()]),
        [`GET /api/committees/${COMMITTEE_ID}/negotiations`]: page([makeNegotiation()]),
        [`GET /api/committees/${COMMITTEE_ID}/rnd-projects`]: page([makeProject({ slipping: true }), makeProject()]),
      }),
    });
    expect(await screen.findByRole('link', { name: /Bilateral meetings\s*2/ })).toHaveAttribute(
      'href',
      `/c/${COMMITTEE_ID}/registers/bilateral`,
    );
    expect(await screen.findByRole('link', { name: /Negotiations\s*1/ })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: /R&D projects\s*2\s*1 slipping/ })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Activity' })).toHaveAttribute('href', `/c/${COMMITTEE_ID}/activity`);
    expect(await screen.findByRole('link', { name: 'Members' })).toBeInTheDocument();
  });
});
