import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SearchBox } from './search-box.tsx';
import '../search.css';

/** The search screen: the phone's way in (the desk has the box in the top bar too). */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  return (
    <section className="search-page" aria-labelledby="search-page-title">
      <header className="page-header">
        <h1 id="search-page-title">{t('search.title')}</h1>
      </header>
      <SearchBox
        variant="page"
        initialText={params.get('q') ?? ''}
        // The words stay in the address: Back from a result returns to them.
        onTextChange={(text) => setParams(text ? { q: text } : {}, { replace: true })}
      />
    </section>
  );
}
