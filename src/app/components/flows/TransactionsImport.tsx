import { useId, useState } from 'react';
import { parseTransactionsCsv, type TransactionsCsvResult } from '../../../core/flows/transactionsCsv';
import type { OrganisationRecord } from '../../db/schema';
import { useFlowActions } from '../../hooks/useFlowActions';
import { useT } from '../../i18n/useT';
import { TransactionCells, TransactionHeads } from './TransactionCells';

interface Props {
  projectId: string;
  organisations: readonly OrganisationRecord[];
}

/**
 * Transactions pasted from a donor's report (src/core/flows/transactionsCsv.ts): first a preview of every
 * row read and every row refused, then, only when no row is refused, one import that saves them all
 * together (repositories/flows.ts importTransactions) — never half of them. Like RatesImport.
 */
export function TransactionsImport({ projectId, organisations }: Props) {
  const { t } = useT();
  const id = useId();
  const { importTransactions } = useFlowActions();
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<TransactionsCsvResult | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const read = () => {
    setPreview(parseTransactionsCsv(text, projectId, organisations));
    setSaved(null);
  };
  const save = async () => {
    if (!preview || preview.errors.length > 0 || preview.transactions.length === 0) return;
    await importTransactions(
      projectId,
      preview.transactions.map((row) => row.transaction),
    );
    setSaved(preview.transactions.length);
    setPreview(null);
    setText('');
  };
  const ready = preview && preview.errors.length === 0 && preview.transactions.length > 0;
  return (
    <section aria-labelledby={`${id}-title`} className="flow-form">
      <h2 id={`${id}-title`}>{t('flows.csv.title')}</h2>
      <label>
        {t('flows.csv.text')}
        <textarea
          rows={5}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setPreview(null);
          }}
          aria-describedby={`${id}-hint`}
        />
      </label>
      <p id={`${id}-hint`} className="flow-note">
        {t('flows.csv.hint')}
      </p>
      <button type="button" onClick={read}>
        {t('flows.csv.preview')}
      </button>
      {preview && preview.errors.length > 0 ? (
        <div className="alert alert-error" role="alert">
          <p>{t('flows.csv.refused')}</p>
          <ul>
            {preview.errors.map((e) => (
              <li key={e.line}>{t('flows.rates.importLine', { line: e.line, message: e.message })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {preview && preview.errors.length === 0 && preview.transactions.length === 0 ? (
        <p className="alert alert-warning" role="status">
          {t('flows.csv.empty')}
        </p>
      ) : null}
      {preview && preview.transactions.length > 0 ? (
        <div className="flow-scroll">
          <table className="flow-table">
            <caption>{t('flows.csv.previewCaption', { count: preview.transactions.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('flows.csv.line')}</th>
                <TransactionHeads />
              </tr>
            </thead>
            <tbody>
              {preview.transactions.map(({ line, transaction: tr }) => (
                <tr key={line}>
                  <td>{line}</td>
                  <TransactionCells transaction={tr} organisations={organisations} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {ready ? (
        <button type="button" onClick={() => void save()}>
          {t('flows.csv.import', { count: preview.transactions.length })}
        </button>
      ) : null}
      {saved !== null ? (
        <p className="alert alert-success" role="status">
          {t('flows.csv.imported', { count: saved })}
        </p>
      ) : null}
    </section>
  );
}
