import { i18n } from '../../../lib/i18n/i18n.ts';
import { linksEn, registersEn } from './en.ts';
import { linksMs, registersMs } from './ms.ts';

// The register pages' strings travel with those pages, not in every first screen: imported
// by each page module, they join the app's strings (deep, next to the core ones) once.
i18n.addResourceBundle('en', 'translation', { registers: registersEn, links: linksEn }, true, false);
i18n.addResourceBundle('ms', 'translation', { registers: registersMs, links: linksMs }, true, false);
