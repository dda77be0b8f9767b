import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="notice">
      <p>{t('app.notFound')}</p>
      <Link to="/">{t('nav.home')}</Link>
    </div>
  );
}
