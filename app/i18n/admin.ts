import type { Dictionary } from '~/utils/i18n';
import { adminEn } from './admin.en';
import { adminFr } from './admin.fr';

/** The admin area's strings, one file per language. */
export const admin: Dictionary = { fr: adminFr, en: adminEn };
