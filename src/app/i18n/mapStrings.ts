import type { UiLanguage } from '../../core/i18n/localized';
import { registerPageStrings } from './translate';

/**
 * The strings of maps (geo questions on a map, a submission's map): they load with the map's own chunk
 * (maps/MapWidgets.tsx), off the field agent's start-up JavaScript (GUIDE §4). See pageStrings.ts. French
 * defines the keys.
 */
export const mapFr = {
  'map.label': 'Carte : {label}',
  'map.answersLabel': 'Carte des réponses géographiques',
  'map.loading': 'Chargement de la carte…',
  'map.failed': 'La carte n’a pas pu s’afficher. Les coordonnées restent modifiables.',
  'map.zoomIn': 'Zoom avant',
  'map.zoomOut': 'Zoom arrière',
  'map.toggleAttribution': 'Afficher ou masquer les sources',
  'map.marker': 'Point placé',
  'map.placeHint': 'Touchez la carte pour placer le point, puis faites-le glisser pour l’ajuster.',
  'map.gpsHint': 'Le point est la position de l’appareil : utilisez « Utiliser ma position ».',
  'map.placeCenter': 'Placer le point au centre de la carte',
  'map.pointValue': 'Point : lat. {lat} ; long. {lon}',
  'map.noPoint': 'Aucun point placé.',
  'map.vertex': 'Point {number}',
  'map.vertexSelected': 'Point {number} (sélectionné)',
  'map.traceHint':
    'Touchez la carte pour ajouter un point ; faites glisser un point pour le déplacer, touchez-le pour le sélectionner.',
  'map.addCenter': 'Ajouter un point au centre de la carte',
  'map.removeSelected': 'Supprimer le point sélectionné',
  'map.removeLast': 'Supprimer le dernier point',
  'map.record': 'Enregistrer mon parcours',
  'map.stopRecording': 'Arrêter l’enregistrement',
  'map.recording': 'Enregistrement du parcours : {count} point(s).',
  'map.length': 'Longueur : {value} {unit}',
  'map.area': 'Surface : {value} {unit} (périmètre {perimeter} {perimeterUnit})',
  'map.areaNeedsPoints': 'Surface : au moins 3 points.',
  'map.answerKind.geopoint': 'point',
  'map.answerKind.geotrace': 'ligne',
  'map.answerKind.geoshape': 'zone',
};

export const mapEn: Record<keyof typeof mapFr, string> = {
  'map.label': 'Map: {label}',
  'map.answersLabel': 'Map of the geographic answers',
  'map.loading': 'Loading the map…',
  'map.failed': 'The map could not be shown. The coordinates can still be edited.',
  'map.zoomIn': 'Zoom in',
  'map.zoomOut': 'Zoom out',
  'map.toggleAttribution': 'Show or hide the sources',
  'map.marker': 'Placed point',
  'map.placeHint': 'Tap the map to place the point, then drag it to adjust.',
  'map.gpsHint': 'The point is the device’s location: use “Use my location”.',
  'map.placeCenter': 'Place the point at the centre of the map',
  'map.pointValue': 'Point: lat. {lat}, long. {lon}',
  'map.noPoint': 'No point placed.',
  'map.vertex': 'Point {number}',
  'map.vertexSelected': 'Point {number} (selected)',
  'map.traceHint': 'Tap the map to add a point; drag a point to move it, tap it to select it.',
  'map.addCenter': 'Add a point at the centre of the map',
  'map.removeSelected': 'Remove the selected point',
  'map.removeLast': 'Remove the last point',
  'map.record': 'Record my walk',
  'map.stopRecording': 'Stop recording',
  'map.recording': 'Recording the walk: {count} point(s).',
  'map.length': 'Length: {value} {unit}',
  'map.area': 'Area: {value} {unit} (perimeter {perimeter} {perimeterUnit})',
  'map.areaNeedsPoints': 'Area: at least 3 points.',
  'map.answerKind.geopoint': 'point',
  'map.answerKind.geotrace': 'line',
  'map.answerKind.geoshape': 'area',
};

const MAP_STRINGS: Record<UiLanguage, Record<string, string>> = { fr: mapFr, en: mapEn };
registerPageStrings(MAP_STRINGS);
