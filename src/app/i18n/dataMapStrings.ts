import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { registerPageStrings } from './translate';

/**
 * The strings of the data maps (a form's submissions on a map, a project's places on a map): they load with
 * those pages and maps, off the field agent's start-up JavaScript (GUIDE §4). See pageStrings.ts. French
 * defines the keys.
 */
export const dataMapFr = {
  'dmap.link': 'Carte des soumissions',
  'dmap.title': 'Carte : {form}',
  'dmap.intro':
    'Les soumissions de ce formulaire présentes sur cet appareil qui ont un lieu (point, ligne ou zone), aussi hors ligne. Les points proches sont regroupés : touchez un groupe pour zoomer, un point pour ouvrir la soumission.',
  'dmap.back': 'Retour au tableau des données',
  'dmap.from': 'Du',
  'dmap.to': 'Au',
  'dmap.agent': 'Agent',
  'dmap.agent.all': 'Tous',
  'dmap.filters': 'Filtres',
  'dmap.count':
    '{located} soumission(s) sur la carte ({matching} retenue(s) par les filtres, {total} en tout)',
  'dmap.mapLabel': 'Carte des soumissions de « {form} »',
  'dmap.legend': 'Légende : couleur par statut de revue',
  'dmap.status.none': 'Pas encore revue',
  'dmap.list': 'Soumissions sur la carte',
  'dmap.item': '{date} — {agent} — {status}',
  'dmap.more': 'et {count} autre(s) : voir le tableau des données.',
  'dmap.noGeoQuestion':
    'Ce formulaire ne demande aucun lieu (point, ligne ou zone) : il n’y a rien à montrer sur une carte. Ses soumissions sont dans le tableau des données.',
  'dmap.noneKept': 'Aucune soumission ne correspond à ces filtres : rien à dessiner sur la carte.',
  'dmap.nothingToDraw':
    'Rien à dessiner : aucune des {count} soumission(s) retenue(s) par les filtres n’a de lieu.',
  'dmap.places': 'Carte des lieux du projet',
};

const dataMapEn: Record<keyof typeof dataMapFr, string> = {
  'dmap.link': 'Map of the submissions',
  'dmap.title': 'Map: {form}',
  'dmap.intro':
    'The submissions of this form held on this device that have a place (point, line or area), also offline. Nearby points are grouped: tap a group to zoom in, a point to open the submission.',
  'dmap.back': 'Back to the data table',
  'dmap.from': 'From',
  'dmap.to': 'To',
  'dmap.agent': 'Agent',
  'dmap.agent.all': 'All',
  'dmap.filters': 'Filters',
  'dmap.count': '{located} submission(s) on the map ({matching} kept by the filters, {total} in all)',
  'dmap.mapLabel': 'Map of the submissions of “{form}”',
  'dmap.legend': 'Legend: colour by review status',
  'dmap.status.none': 'Not reviewed yet',
  'dmap.list': 'Submissions on the map',
  'dmap.item': '{date} — {agent} — {status}',
  'dmap.more': 'and {count} more: see the data table.',
  'dmap.noGeoQuestion':
    'This form asks for no place (point, line or area): there is nothing to show on a map. Its submissions are in the data table.',
  'dmap.noneKept': 'No submission matches these filters: nothing to draw on the map.',
  'dmap.nothingToDraw': 'Nothing to draw: none of the {count} submission(s) kept by the filters has a place.',
  'dmap.places': 'Map of the project’s places',
};

const DATA_MAP_STRINGS: Record<UiLanguage, Record<string, string>> = { fr: dataMapFr, en: dataMapEn };
registerPageStrings(DATA_MAP_STRINGS);
