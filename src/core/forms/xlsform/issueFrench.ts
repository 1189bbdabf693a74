/**
 * The converter's and the form reader's messages, [English as written, French] (issueText.ts reads them).
 * Holes: `{{x}}` any text, copied; `{{x*}}` a message of this table, translated; `{{x|or}}` a list whose
 * `or` becomes `ou`. The first pattern that matches wins: specific ones before the general `a: b`.
 */
export const ISSUE_FRENCH: readonly (readonly [string, string])[] = [
  // A misspelled sheet, suggested after the message it explains (sheetNames.ts).
  [
    '{{main*}}; the workbook has {{sheets}}: rename it {{wanted}}?',
    '{{main*}} ; le classeur a {{sheets}} : la renommer {{wanted}} ?',
  ],
  // An expression, with where in it the problem is (expressions.ts).
  ['{{problem*}} (at “{{near}}”)', '{{problem*}} (à « {{near}} »)'],

  // The trigger column and last-saved (triggers.ts, question.ts, survey.ts).
  [
    '${{{target}}} is calculated, not answered by the user: it cannot trigger {{name}}; pick a question the user answers',
    '${{{target}}} est calculé, pas répondu par l’utilisateur : il ne peut pas déclencher {{name}} ; choisissez une question à laquelle l’utilisateur répond',
  ],
  [
    '{{value}} is not a trigger: write the question it follows as ${name}',
    '{{value}} n’est pas un déclencheur : écrivez la question qu’il suit sous la forme ${name}',
  ],
  [
    'background-geopoint needs a trigger: ${name} of the question whose answer records the position',
    'background-geopoint a besoin d’un déclencheur : ${name} de la question dont la réponse enregistre la position',
  ],
  [
    '__last-saved is the instance ${last-saved#name} reads: name the attached file something else',
    '__last-saved est l’instance que lit ${last-saved#name} : donnez un autre nom au fichier joint',
  ],

  // Sheets and columns.
  ['The survey sheet is missing or empty', 'La feuille survey manque ou est vide'],
  ['No settings sheet', 'Pas de feuille settings'],
  ['Unknown column, ignored', 'Colonne inconnue, ignorée'],
  ['Setting ignored', 'Réglage ignoré'],
  [
    '{{a}} and {{b}} are the same column under two names: keep one',
    '{{a}} et {{b}} sont la même colonne sous deux noms : gardez-en une',
  ],
  [
    'Duplicate column header {{header}} (columns {{columns}}): keep one',
    'En-tête de colonne {{header}} en double (colonnes {{columns}}) : gardez-en un',
  ],

  // The form as a whole.
  [
    'form_id {{id}} has characters ids cannot hold: {{fixed}} is used',
    'form_id {{id}} contient des caractères qu’un identifiant ne peut pas contenir : {{fixed}} est utilisé',
  ],
  ['The version is at most 40 characters', 'La version compte au plus 40 caractères'],

  // Rows of the survey.
  ['This row has a name but no type', 'Cette ligne a un nom mais pas de type'],
  ['This question has no name', 'Cette question n’a pas de nom'],
  ['{{what}} has no name', '{{what}} n’a pas de nom'],
  [
    '{{name}} is not a valid name: start with a letter or _, then letters, digits, _ or - (64 at most)',
    '{{name}} n’est pas un nom valide : commencez par une lettre ou _, puis des lettres, chiffres, _ ou - (64 au plus)',
  ],
  [
    'Duplicate name {{name}} (first at row {{row}}): items of the top of the form must have different names',
    'Nom {{name}} en double (d’abord à la ligne {{row}}) : les éléments du haut du formulaire doivent avoir des noms différents',
  ],
  [
    'Duplicate name {{name}} (first at row {{row}}): items of group {{group}} must have different names',
    'Nom {{name}} en double (d’abord à la ligne {{row}}) : les éléments du groupe {{group}} doivent avoir des noms différents',
  ],
  [
    'Duplicate repeat name {{name}} (first at row {{row}}): repeat names must be unique in the whole form',
    'Nom de répétition {{name}} en double (d’abord à la ligne {{row}}) : chaque répétition a un nom unique dans tout le formulaire',
  ],
  [
    'The name meta is reserved for the submission’s metadata: choose another name',
    'Le nom meta est réservé aux métadonnées de la soumission : choisissez un autre nom',
  ],
  [
    "{{name}} is also the name of row {{row}}, whose answer Terrain keeps at the same level (a group's answers belong to the form or repeat around it): rename one of them",
    '{{name}} est aussi le nom de la ligne {{row}}, dont Terrain garde la réponse au même niveau (les réponses d’un groupe appartiennent au formulaire ou à la répétition qui l’entoure) : renommez l’une des deux',
  ],
  [
    'The audit log is always named audit: leave the name empty or write audit',
    'Le journal d’audit s’appelle toujours audit : laissez le nom vide ou écrivez audit',
  ],
  ['end {{block}} without a matching begin {{block2}}', 'end {{block}} sans begin {{block2}} correspondant'],
  [
    'end {{block}} closes begin {{open}} {{name}} of row {{row}}',
    'end {{block}} ferme begin {{open}} {{name}} de la ligne {{row}}',
  ],
  [
    'begin {{block}} {{name}} is never closed: add end {{block2}}',
    'begin {{block}} {{name}} n’est jamais fermé : ajoutez end {{block2}}',
  ],
  ['Unknown question type {{type}}', 'Type de question inconnu : {{type}}'],
  [
    'name the choices file: a .csv, .xml or .geojson file',
    'nommez le fichier des choix : un fichier .csv, .xml ou .geojson',
  ],
  ['name the choice list: {{example}}', 'nommez la liste de choix : {{example}}'],
  ['this block type is not supported', 'ce type de bloc n’est pas pris en charge'],
  [
    'OpenMapKit cannot run in a browser: Terrain asks for the .osm file as an upload',
    'OpenMapKit ne fonctionne pas dans un navigateur : Terrain demande le fichier .osm en téléversement',
  ],
  [
    '{{meta}} is not collected by Terrain: it stays empty',
    '{{meta}} n’est pas collecté par Terrain : il reste vide',
  ],
  [
    '{{text}} is not yes or no: personal_data is yes (or true, 1), no, or empty',
    '{{text}} n’est ni yes ni no : personal_data vaut yes (ou true, 1), no, ou reste vide',
  ],
  [
    '{{text}} is not an HXL hashtag: write #tag then +attributes, e.g. #affected+f+children',
    '{{text}} n’est pas un hashtag HXL : écrivez #tag puis +attributs, par exemple #affected+f+children',
  ],
  ['A calculate question needs a calculation', 'Une question calculate demande un calcul (calculation)'],
  [
    'A guidance hint alone is not shown: give the question a label or a hint',
    'Un guidance_hint seul n’est pas affiché : donnez à la question un label ou un hint',
  ],
  [
    'A big image enlarges the image: give the question an image too',
    'Une big-image agrandit l’image : donnez aussi une image à la question',
  ],

  // Parameters (question.ts, parameters.ts).
  ['{{pair}} is not a key=value parameter', '{{pair}} n’est pas un paramètre clé=valeur'],
  [
    '{{keys}}: not a parameter of this question (accepted: {{accepted}})',
    '{{keys}} : pas un paramètre de cette question (acceptés : {{accepted}})',
  ],
  ['{{pair}}: write {{allowed|or}}', '{{pair}} : écrivez {{allowed|or}}'],
  ['{{pair}}: must be a number of metres', '{{pair}} : doit être un nombre de mètres'],
  ['{{pair}}: must be a whole number of pixels', '{{pair}} : doit être un nombre entier de pixels'],
  ['{{pair}}: must be a whole number of rows', '{{pair}} : doit être un nombre entier de lignes'],
  [
    '{{pair}}: must be a whole number of seconds, 0 or more',
    '{{pair}} : doit être un nombre entier de secondes, 0 ou plus',
  ],
  ['{{pair}}: the only value is {{value}}', '{{pair}} : la seule valeur possible est {{value}}'],
  ['{{key}}={{text}} is not a number', '{{key}}={{text}} n’est pas un nombre'],
  [
    'A seed needs randomize=true: add it to the parameters',
    'Un seed demande randomize=true : ajoutez-le aux paramètres',
  ],
  [
    'seed={{seed}}: the seed must be a number or a reference to another field, ${name}',
    'seed={{seed}} : le seed est un nombre ou une référence à un autre champ, ${nom}',
  ],
  ['{{keys}} go together: give all three', '{{keys}} vont ensemble : donnez les trois'],
  [
    'location-max-age must be greater than or equal to location-min-interval',
    'location-max-age doit être supérieur ou égal à location-min-interval',
  ],
  ['step=0: the step of a range cannot be 0', 'step=0 : le pas d’un range ne peut pas être 0'],
  [
    'step={{step}}: the step is wider than the range from {{min}} to {{max}}',
    'step={{step}} : le pas dépasse l’étendue de {{min}} à {{max}}',
  ],

  // Choices (choices.ts, loops.ts, convert.ts).
  [
    'select_one_external {{list}} needs an external_choices sheet with the list {{same}}',
    'select_one_external {{list}} demande une feuille external_choices avec la liste {{same}}',
  ],
  [
    'Choice list {{list}} is not in the external_choices sheet',
    'La liste de choix {{list}} n’est pas dans la feuille external_choices',
  ],
  [
    'Choice list {{list}} is in both the choices and the external_choices sheets: rename one',
    'La liste de choix {{list}} est à la fois dans la feuille choices et dans la feuille external_choices : renommez l’une des deux',
  ],
  ['Choice {{name}} has no list name', 'Le choix {{name}} n’a pas de nom de liste (list_name)'],
  ['A choice of list {{list}} has no name', 'Un choix de la liste {{list}} n’a pas de nom'],
  ['Choice names are at most 200 characters', 'Un nom de choix compte au plus 200 caractères'],
  [
    'Duplicate choice {{name}} in list {{list}} (first at row {{row}}); set allow_choice_duplicates to yes in the settings sheet if intended',
    'Choix {{name}} en double dans la liste {{list}} (d’abord à la ligne {{row}}) ; si c’est voulu, mettez allow_choice_duplicates à yes dans la feuille settings',
  ],
  [
    'Choice list {{list}} is not in the choices sheet',
    'La liste de choix {{list}} n’est pas dans la feuille choices',
  ],
  [
    'The loop makes a field {{name}}, which is already the name of row {{row}}',
    'La boucle crée un champ {{name}}, qui est déjà le nom de la ligne {{row}}',
  ],
  [
    '{{name}} (a copy for choice {{choice}}) is not a valid name',
    '{{name}} (une copie pour le choix {{choice}}) n’est pas un nom valide',
  ],

  // References and expressions (convert.ts, expressions.ts, the expression checker's own messages).
  [
    '${{{name}}} is not a field of this form: the text shows nothing in its place',
    '${{{name}}} n’est pas un champ de ce formulaire : le texte n’affiche rien à sa place',
  ],
  ['${{{name}}} is not a field of this form', '${{{name}}} n’est pas un champ de ce formulaire'],
  [
    '${{{name}}} is ambiguous: rows {{rows}} are all named {{same}}; rename them so each name is used once',
    '${{{name}}} est ambigu : les lignes {{rows}} s’appellent toutes {{same}} ; renommez-les pour que chaque nom ne serve qu’une fois',
  ],
  [
    '${{{name}}} is inside loop {{loop}}, once per choice of {{list}}: name one copy, ${{{same}}_<choice>}',
    '${{{name}}} est dans la boucle {{loop}}, une fois par choix de {{list}} : nommez une copie, ${{{same}}_<choix>}',
  ],
  [
    '{{name}} is not a column of the choice list (columns: {{columns}}): every choice reads it as empty',
    '{{name}} n’est pas une colonne de la liste de choix (colonnes : {{columns}}) : chaque choix la lit comme vide',
  ],
  [
    '{{name}} is not a column of the choice list (columns: {{columns}})',
    '{{name}} n’est pas une colonne de la liste de choix (colonnes : {{columns}})',
  ],
  [
    "instance('{{list}}'): {{name}} is not a list of the choices sheet",
    "instance('{{list}}') : {{name}} n’est pas une liste de la feuille choices",
  ],
  [
    "instance('{{list}}'): {{name}} is not a column of the choices sheet",
    "instance('{{list}}') : {{name}} n’est pas une colonne de la feuille choices",
  ],
  [
    'Unknown function {{name}}(): ODK forms do not know it either',
    'Fonction inconnue : {{name}}() ; les formulaires ODK ne la connaissent pas non plus',
  ],
  ['Unknown function {{name}}()', 'Fonction inconnue : {{name}}()'],
  ['{{name}}() takes {{arity}}, not {{count}}', '{{name}}() prend {{arity}}, pas {{count}}'],
  ['Not a valid field name: ${{{name}}}', 'Nom de champ non valide : ${{{name}}}'],
  ['Unterminated string: add the closing quote', 'Texte non terminé : ajoutez le guillemet fermant'],
  [
    "Unterminated field reference: add the closing '}'",
    "Référence de champ non terminée : ajoutez le '}' fermant",
  ],
  ["Unexpected '$': field references are ${name}", "'$' inattendu : un champ s’écrit ${nom}"],
  ["Unexpected '!': use != or not(…)", "'!' inattendu : écrivez != ou not(…)"],
  ["Unexpected character '{{c}}'", "Caractère '{{c}}' inattendu"],
  ['Unexpected {{token}}: an operator is missing', '{{token}} inattendu : il manque un opérateur'],
  ['Expected a value but found {{token}}', 'Une valeur était attendue, pas {{token}}'],
  ["Expected ')' or ',' but found {{token}}", "')' ou ',' était attendu, pas {{token}}"],
  ["Unbalanced parentheses: unexpected ')'", "Parenthèses déséquilibrées : ')' inattendue"],
  [
    "Unbalanced parentheses: the '(' at {{at}} is never closed",
    "Parenthèses déséquilibrées : la '(' à la position {{at}} n’est jamais fermée",
  ],
  ["Unclosed '[': add the closing ']'", "'[' non fermé : ajoutez le ']' fermant"],
  ['Empty expression', 'Expression vide'],
  ['Expression nested too deeply', 'Expression trop profondément imbriquée'],
  // Location paths and instance('list')/root/item (parser.ts, compile.ts).
  [
    "Unexpected '/', '[' or ']': a path starts with a name, '.', '..', '/' or current()",
    "'/', '[' ou ']' inattendu : un chemin commence par un nom, '.', '..', '/' ou current()",
  ],
  [
    "Expected a name, '.' or '..' after '/' but found {{token}}",
    "Un nom, '.' ou '..' était attendu après '/', pas {{token}}",
  ],
  ["position() takes no argument or '..'", "position() ne prend pas d’argument, ou '..'"],
  [
    "{{what*}}: write instance('list')/root/item[condition]/column",
    "{{what*}} : écrivez instance('liste')/root/item[condition]/colonne",
  ],
  [
    'instance() takes a choice list name in quotes',
    'instance() prend un nom de liste de choix entre guillemets',
  ],
  ['Expected /{{step}}', '/{{step}} était attendu'],
  ['Expected a column name', 'Un nom de colonne était attendu'],
  [
    "instance('{{list}}')/root/item needs a /column, except in count()",
    "instance('{{list}}')/root/item demande une /colonne, sauf dans count()",
  ],

  // Attached files (itemsetFiles.ts, geojson.ts, attachments.ts).
  [
    '{{file}} and {{other}} make the same list {{list}}: rename one of them',
    '{{file}} et {{other}} font la même liste {{list}} : renommez l’un des deux',
  ],
  [
    '{{file}}: the choices sheet has a list {{list}} too; rename one of them',
    '{{file}} : la feuille choices a aussi une liste {{list}} ; renommez l’une des deux',
  ],
  [
    'Choices come from {{file}}, which is not attached (rows {{rows}}): add it to the import with the form',
    'Les choix viennent de {{file}}, qui n’est pas joint (lignes {{rows}}) : joignez-le au formulaire',
  ],
  [
    'Choices come from {{file}}, which is not attached: add it to the import with the form',
    'Les choix viennent de {{file}}, qui n’est pas joint : joignez-le au formulaire',
  ],
  [
    'Choices come from {{file}}, which is not attached: these questions (rows {{rows}}) have no choices until it is',
    'Les choix viennent de {{file}}, qui n’est pas joint : ces questions (lignes {{rows}}) n’ont pas de choix en attendant',
  ],
  [
    'Choices come from {{file}}, which is not attached: this question has no choices until it is',
    'Les choix viennent de {{file}}, qui n’est pas joint : cette question n’a pas de choix en attendant',
  ],
  [
    '{{name}} is attached but no select_one_from_file or select_multiple_from_file question uses it: ignored',
    '{{name}} est joint mais aucune question select_one_from_file ou select_multiple_from_file ne s’en sert : ignoré',
  ],
  ['{{name}} is attached twice', '{{name}} est joint deux fois'],
  // Media files (server/forms/formMedia.ts, attachments.ts).
  [
    'this kind of file cannot be attached; attach images (.jpg, .png, .webp, .gif), sounds (.mp3, .m4a, .ogg, .wav), videos (.mp4, .webm) or the .csv, .geojson and .xml files of select_one_from_file',
    'ce type de fichier ne peut pas être joint ; joignez des images (.jpg, .png, .webp, .gif), des sons (.mp3, .m4a, .ogg, .wav), des vidéos (.mp4, .webm) ou les fichiers .csv, .geojson et .xml de select_one_from_file',
  ],
  [
    'its content is not the .{{ext}} file its name says (damaged or renamed?)',
    'son contenu n’est pas le fichier .{{ext}} qu’annonce son nom (abîmé ou renommé ?)',
  ],
  [
    '{{file}} is larger than {{max}} MB, the limit for an image',
    '{{file}} dépasse {{max}} Mo, la limite pour une image',
  ],
  [
    '{{file}} is larger than {{max}} MB, the limit for a sound',
    '{{file}} dépasse {{max}} Mo, la limite pour un son',
  ],
  [
    '{{file}} is larger than {{max}} MB, the limit for a video',
    '{{file}} dépasse {{max}} Mo, la limite pour une vidéo',
  ],
  [
    'The media files are larger than {{max}} MB together',
    'Les fichiers médias dépassent {{max}} Mo à eux tous',
  ],
  [
    '{{name}} is attached but no media::image, media::audio or media::video cell names it: remove it or name it in the form',
    '{{name}} est joint mais aucune cellule media::image, media::audio ou media::video ne le nomme : retirez-le ou nommez-le dans le formulaire',
  ],
  [
    '{{name}} is named in the form but not attached: devices show the text without it',
    '{{name}} est nommé dans le formulaire mais n’est pas joint : les appareils affichent le texte sans lui',
  ],
  ['{{file}} has no choices', '{{file}} n’a aucun choix'],
  [
    '{{file}} has no name and label columns (its columns: {{found}})',
    '{{file}} n’a pas de colonnes name et label (ses colonnes : {{found}})',
  ],
  [
    '{{file}} has no {{column}} column (its columns: {{found}})',
    '{{file}} n’a pas de colonne {{column}} (ses colonnes : {{found}})',
  ],
  ['this choice has no name', 'ce choix n’a pas de nom'],
  ['choice names are at most 200 characters', 'un nom de choix compte au plus 200 caractères'],
  ['duplicate choice {{name}} (first at {{first}})', 'choix {{name}} en double (d’abord à {{first}})'],
  ['{{file}}: {{count}} more problem like these', '{{file}} : encore {{count}} problème de ce genre'],
  ['{{file}}: {{count}} more problems like these', '{{file}} : encore {{count}} problèmes de ce genre'],
  [
    '{{file}} is not well-formed XML: line {{line}}: {{why}}',
    '{{file}} n’est pas du XML bien formé : ligne {{line}} : {{why}}',
  ],
  ['{{file}} is not valid JSON ({{why}})', '{{file}} n’est pas du JSON valide ({{why}})'],
  [
    '{{file}} is not a GeoJSON FeatureCollection: its top level needs "type": "FeatureCollection"',
    '{{file}} n’est pas une FeatureCollection GeoJSON : son niveau supérieur demande "type": "FeatureCollection"',
  ],
  ['{{file}} has no "features" list', '{{file}} n’a pas de liste "features"'],
  [
    '{{at}} is not a GeoJSON Feature ("type": "Feature")',
    '{{at}} n’est pas une Feature GeoJSON ("type": "Feature")',
  ],
  [
    '{{at}} has no id: give it "id" (or an id property), the value its choice stores',
    '{{at}} n’a pas d’id : donnez-lui "id" (ou une propriété id), la valeur que son choix enregistre',
  ],
  [
    'this is not a text file: a .{{ext}} file is text',
    'ce n’est pas un fichier texte : un fichier .{{ext}} est du texte',
  ],

  // The workbook itself (readWorkbook.ts, convertForm.ts, convertInWorker.ts).
  [
    '{{file}} is not an XLSForm: expected an .xlsx, .xls or .csv file',
    '{{file}} n’est pas un XLSForm : un fichier .xlsx, .xls ou .csv est attendu',
  ],
  [
    '{{file}} could not be read as an xlsx workbook (damaged zip)',
    '{{file}} n’a pas pu être lu comme un classeur xlsx (zip abîmé)',
  ],
  [
    '{{file}} could not be read as a {{format}} workbook ({{why}})',
    '{{file}} n’a pas pu être lu comme un classeur {{format}} ({{why}})',
  ],
  [
    '{{file}} holds {{count}} parts: not a form workbook',
    '{{file}} contient {{count}} parties : ce n’est pas un classeur de formulaire',
  ],
  [
    '{{file}} unpacks to {{size}} MB; a form workbook may unpack to at most {{max}} MB',
    '{{file}} décompressé fait {{size}} Mo ; un classeur de formulaire décompressé fait au plus {{max}} Mo',
  ],
  ['{{file}} is larger than {{max}} MB', '{{file}} dépasse {{max}} Mo'],
  ['The {{sheet}} sheet has more than {{count}} rows', 'La feuille {{sheet}} a plus de {{count}} lignes'],
  [
    'The {{sheet}} sheet has more than {{count}} columns',
    'La feuille {{sheet}} a plus de {{count}} colonnes',
  ],
  [
    'The attached files are larger than {{max}} MB together',
    'Les fichiers joints dépassent {{max}} Mo à eux tous',
  ],
  [
    '{{file}} took longer than {{seconds}} s to read: reading was stopped',
    'La lecture de {{file}} a pris plus de {{seconds}} s : elle a été arrêtée',
  ],
  [
    '{{file}} needs more than {{size}} MB of memory to read: it is not a form the server can take',
    '{{file}} demande plus de {{size}} Mo de mémoire pour être lu : le serveur ne peut pas prendre ce formulaire',
  ],
  ['{{file}}: 1 problem to fix', '{{file}} : 1 problème à corriger'],
  ['{{file}}: {{count}} problems to fix', '{{file}} : {{count}} problèmes à corriger'],
  ['{{summary*}} (attach {{files}})', '{{summary*}} (joignez {{files}})'],

  // Last: a message about a place (a file, a line of it, a type cell) followed by what is wrong there.
  ['{{at}}: {{problem*}}', '{{at}} : {{problem*}}'],
];
