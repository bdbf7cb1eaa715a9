import type { Dictionary } from '~/utils/i18n';

export const common: Dictionary = {
  fr: {
    'lang.switch': 'English',
    'lang.switchLabel': 'Read this page in English',
    'error.required': 'Ce champ est obligatoire.',
    'error.notFound.title': 'Lien introuvable',
    'error.notFound.body':
      'Ce lien n’existe pas, a expiré ou a été remplacé. Demandez un nouveau lien à l’entreprise qui vous a écrit.',
    'error.generic.title': 'Une erreur est survenue',
    'error.generic.body': 'Réessayez dans un instant. Si le problème persiste, contactez-nous.',
    'error.tooMany.title': 'Trop de tentatives',
    'error.tooMany.body': 'Trop de demandes depuis votre connexion. Réessayez dans quelques minutes.',
    'simulated.banner': 'Paiements simulés : aucun argent réel ne circule (mode développement).',
  },
  en: {
    'lang.switch': 'Français',
    'lang.switchLabel': 'Lire cette page en français',
    'error.required': 'This field is required.',
    'error.notFound.title': 'Link not found',
    'error.notFound.body':
      'This link does not exist, has expired or has been replaced. Ask the business that wrote to you for a new one.',
    'error.generic.title': 'Something went wrong',
    'error.generic.body': 'Please try again in a moment. If the problem persists, contact us.',
    'error.tooMany.title': 'Too many attempts',
    'error.tooMany.body': 'Too many requests from your connection. Please try again in a few minutes.',
    'simulated.banner': 'Simulated payments: no real money moves (development mode).',
  },
};
