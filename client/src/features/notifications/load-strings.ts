import { i18n } from '../../lib/i18n/i18n.ts';
import { notificationsEn, notificationsMs } from './notifications-locales.ts';

// The panel's and the preferences page's strings travel with them, not in every first screen:
// imported by each module that shows them, they join the app's (deep, beside the bell's) once.
i18n.addResourceBundle('en', 'translation', { notifications: notificationsEn }, true, true);
i18n.addResourceBundle('ms', 'translation', { notifications: notificationsMs }, true, true);
