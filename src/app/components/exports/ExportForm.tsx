import { pickText } from '../../../core/i18n/localized';
import { EXPORT_FORMATS, type ExportFormat } from '../../api/exportDownload';
import type { FormRecord, ProjectRecord } from '../../db/schema';
import { useT } from '../../i18n/useT';
import { formNeed, formsOf, PROJECT_PLACES, type ExportChoices } from './exportChoices';

interface Props {
  choices: ExportChoices;
  onChange: (choices: ExportChoices) => void;
  projects: readonly ProjectRecord[];
  forms: readonly FormRecord[];
  /** Supervisors and admins may ask for personal answers. */
  personalAllowed: boolean;
  /** Why the button cannot start a download now (offline, working, nothing to export), if it cannot. */
  disabled: boolean;
  working: boolean;
  onSubmit: () => void;
}

/** The choices of an export: format, project, form, language of labels, codes or labels. */
export function ExportForm(props: Props) {
  const { choices, onChange, projects, forms, personalAllowed } = props;
  const { t, lang } = useT();
  const set = (patch: Partial<ExportChoices>) => onChange({ ...choices, ...patch });
  const need = formNeed(choices.format);
  const offered = formsOf(forms, choices.projectId);
  const usesForm = need !== 'none';
  return (
    <form
      className="export-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <fieldset>
        <legend>{t('exports.format')}</legend>
        <div className="choices">
          {EXPORT_FORMATS.map((format: ExportFormat) => (
            <label key={format} className="choice">
              <input
                type="radio"
                name="export-format"
                value={format}
                checked={choices.format === format}
                onChange={() => set({ format })}
              />
              <span>
                <strong>{t(`exports.format.${format}`)}</strong>
                <span className="hint"> {t(`exports.format.${format}.hint`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        <span className="field-label">{t('exports.project')}</span>
        <select value={choices.projectId} onChange={(e) => set({ projectId: e.target.value })}>
          <option value="">{t('exports.allProjects')}</option>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.code} · {pickText(p.title, lang)}
            </option>
          ))}
        </select>
      </label>
      {usesForm ? (
        <label>
          <span className="field-label">{t('exports.form')}</span>
          <select value={choices.formKey} onChange={(e) => set({ formKey: e.target.value })}>
            {need === 'optional' ? (
              <option value={PROJECT_PLACES}>{t('exports.form.locations')}</option>
            ) : null}
            {offered.map((f) => (
              <option key={f.key} value={f.key}>
                {pickText(f.definition.title, lang, f.definition.defaultLanguage)}
                {choices.projectId === ''
                  ? ` (${projects.find((p) => p.id === f.projectId)?.code ?? f.projectId})`
                  : ''}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {need === 'required' && offered.length === 0 ? (
        <p className="alert alert-warning">{t('exports.noForms')}</p>
      ) : null}
      <fieldset>
        <legend>{t('exports.lang')}</legend>
        <div className="choices">
          {(['fr', 'en'] as const).map((l) => (
            <label key={l} className="choice">
              <input
                type="radio"
                name="export-lang"
                value={l}
                checked={choices.lang === l}
                onChange={() => set({ lang: l })}
              />
              <span>{t(`exports.lang.${l}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {usesForm ? (
        <fieldset>
          <legend>{t('exports.choices')}</legend>
          <div className="choices">
            {(['labels', 'codes'] as const).map((how) => (
              <label key={how} className="choice">
                <input
                  type="radio"
                  name="export-codes"
                  value={how}
                  checked={choices.codes === (how === 'codes')}
                  onChange={() => set({ codes: how === 'codes' })}
                />
                <span>{t(`exports.choices.${how}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      {usesForm && personalAllowed ? (
        <label className="choice">
          <input
            type="checkbox"
            checked={choices.includePersonal}
            onChange={(e) => set({ includePersonal: e.target.checked })}
          />
          <span>{t('exports.personal')}</span>
        </label>
      ) : null}
      <p>
        <button type="submit" className="button-primary" disabled={props.disabled}>
          {props.working ? t('exports.downloading') : t('exports.download')}
        </button>
      </p>
    </form>
  );
}
