import { i18n } from '../../lib/i18n/i18n.ts';
import { minutesEn, minutesMs } from './minutes-locales.ts';

// The minutes pages' strings travel with those pages, not in every first screen: imported by
// each module that shows them, they join the app's strings (deep, next to the core ones) once.
i18n.addResourceBundle('en', 'translation', { minutes: minutesEn }, true, true);
i18n.addResourceBundle('ms', 'translation', { minutes: minutesMs }, true, true);
