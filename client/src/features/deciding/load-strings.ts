import { i18n } from '../../lib/i18n/i18n.ts';
import { decidingEn, decidingMs } from './deciding-locales.ts';

// The deciding screens' strings travel with them: imported by each module that shows them.
i18n.addResourceBundle('en', 'translation', { deciding: decidingEn }, true, true);
i18n.addResourceBundle('ms', 'translation', { deciding: decidingMs }, true, true);
