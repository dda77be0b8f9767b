import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMe } from '../hooks/use-auth.ts';
import { useMfaStatus } from '../hooks/use-security.ts';
import '../load-strings.ts';

/**
 * On every page while the MFA policy serves this session below its user's clearance (or holds
 * an administrator's admin pages back): what is withheld, and where to set up or use a second factor.
 */
export function SecondFactorBanner() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const status = useMfaStatus();
  const me = useMe();
  const data = status.data;
  if (!data || !data.limited || data.sessionPassed || pathname === '/settings/security') return null;
  const level = data.requiredFor ? t(`classification.${data.requiredFor}`) : '';
  const served = t(`classification.${data.servedClearance}`);
  return (
    <p className="notice notice--warning" data-testid="second-factor-banner">
      {me.data?.clearance === data.servedClearance ? t('auth.security.limitedAdmin') : t('auth.security.limited', { level, served })}{' '}
      <Link to="/settings/security">{t('auth.security.title')}</Link>
    </p>
  );
}
