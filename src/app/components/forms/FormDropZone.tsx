import { useState, type DragEvent } from 'react';
import type { FormFiles } from '../../api/formRequests';
import { useT } from '../../i18n/useT';

/** An XLSForm by its name; every other dropped file is an attachment. */
const isWorkbook = (file: File) => /\.(xlsx|xls)$/i.test(file.name);

/**
 * Where the supervisor drops the XLSForm and its attached files together (the workbook is told apart by its
 * extension), or picks them with the two file inputs, which keyboards and screen readers use. `onChange`
 * gets the files whenever they change; attachments accumulate until removed.
 */
export function FormDropZone({ onChange }: { onChange: (files: FormFiles | null) => void }) {
  const { t } = useT();
  const [form, setForm] = useState<File | null>(null);
  const [attachments, setAttachments] = useState<File[]>([]);
  const [over, setOver] = useState(false);

  const update = (nextForm: File | null, nextAttachments: File[]) => {
    setForm(nextForm);
    setAttachments(nextAttachments);
    onChange(nextForm ? { form: nextForm, attachments: nextAttachments } : null);
  };
  /** A file of the same name replaces the one attached before (a corrected CSV). */
  const merge = (added: File[]) => [
    ...attachments.filter((a) => !added.some((b) => b.name === a.name)),
    ...added,
  ];
  const take = (files: File[]) => {
    const workbook = files.find(isWorkbook);
    update(workbook ?? form, merge(files.filter((file) => file !== workbook)));
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    take([...event.dataTransfer.files]);
  };

  return (
    <div
      className={over ? 'drop-zone drop-zone-over' : 'drop-zone'}
      data-testid="form-drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p>{t('formsPage.drop')}</p>
      <div className="field">
        <label htmlFor="forms-file">{t('formsPage.file')}</label>
        <input
          id="forms-file"
          type="file"
          accept=".xlsx,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
          onChange={(event) => {
            const file = event.target.files?.[0] ?? null;
            // Cleared so that choosing the same (corrected) file again still counts as a change.
            event.target.value = '';
            if (file) update(file, attachments);
          }}
        />
        {form ? <p className="card-meta">{form.name}</p> : null}
      </div>
      <div className="field">
        <label htmlFor="forms-attachments">{t('formsPage.attachments')}</label>
        <input
          id="forms-attachments"
          type="file"
          multiple
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            if (files.length > 0) update(form, merge(files));
          }}
        />
        <p className="card-meta">
          {attachments.length > 0
            ? t('formsPage.attached', { names: attachments.map((file) => file.name).join(', ') })
            : t('formsPage.noAttachment')}
        </p>
        {attachments.length > 0 ? (
          <button type="button" onClick={() => update(form, [])}>
            {t('formsPage.clearAttachments')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
