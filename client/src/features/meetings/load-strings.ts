import { i18n } from '../../lib/i18n/i18n.ts';
import { meetingsEn, meetingsMs } from './meetings-locales.ts';

// The meeting screens' strings travel with them: imported by each module that shows them.
i18n.addResourceBundle('en', 'translation', meetingsEn, true, true);
i18n.addResourceBundle('ms', 'translation', meetingsMs, true, true);
