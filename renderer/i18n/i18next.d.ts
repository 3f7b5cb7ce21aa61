// Typed messages: every key passed to t() must exist in the English catalogue, with its {{variables}}.
import 'i18next';
import type { Catalogue } from '../../shared/i18n';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
    returnNull: false;
  }
}
