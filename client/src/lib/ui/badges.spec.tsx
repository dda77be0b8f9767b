import { afterEach, describe, expect, it } from '@jest/globals';
import { CLASSIFICATIONS } from '@sidang/shared';
import { act, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { i18n, setLocale } from '../i18n/i18n.ts';
import { ClassificationBadge } from './badges.tsx';

function renderBadges(as?: 'classification' | 'clearance') {
  return render(
    <I18nextProvider i18n={i18n}>
      {CLASSIFICATIONS.map((level) => (
        <ClassificationBadge key={level} level={level} as={as} />
      ))}
    </I18nextProvider>,
  );
}

const labels = () => Array.from(document.querySelectorAll('.badge--class')).map((el) => el.textContent);

describe(ClassificationBadge.name, () => {
  afterEach(async () => {
    await act(() => setLocale('en'));
  });

  it('should read Open / Restricted / Confidential / Secret in English', () => {
    renderBadges();
    expect(labels()).toEqual(['Open', 'Restricted', 'Confidential', 'Secret']);
    expect(screen.getByText('Restricted')).toHaveAttribute('title', 'Classification: Restricted');
  });

  it('should read Terbuka / Terhad / Sulit / Rahsia in Bahasa Malaysia', async () => {
    renderBadges();
    await act(() => setLocale('ms'));
    expect(labels()).toEqual(['Terbuka', 'Terhad', 'Sulit', 'Rahsia']);
  });

  it('should say "clearance" in the tooltip of a user clearance', async () => {
    renderBadges('clearance');
    expect(screen.getByText('Secret')).toHaveAttribute('title', 'Clearance: Secret');
    await act(() => setLocale('ms'));
    expect(screen.getByText('Sulit')).toHaveAttribute('title', 'Tahap tapisan: Sulit');
  });
});
