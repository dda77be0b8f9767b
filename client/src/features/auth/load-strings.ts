import { i18n } from '../../lib/i18n/i18n.ts';
import { securityEn, securityMs } from './security-locales.ts';

// The security page's strings join the app's (deep, beside the banner's few) once it loads.
i18n.addResourceBundle('en', 'translation', { auth: { security: securityEn } }, true, true);
i18n.addResourceBundle('ms', 'translation', { auth: { security: securityMs } }, true, true);
