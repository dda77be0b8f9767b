import { i18n } from '../../lib/i18n/i18n.ts';
import { signInEn, signInMs } from './sign-in-locales.ts';

// The second-factor step's strings join the app's (deep, beside the sign-in page's) once it loads.
i18n.addResourceBundle('en', 'translation', { auth: signInEn }, true, true);
i18n.addResourceBundle('ms', 'translation', { auth: signInMs }, true, true);
