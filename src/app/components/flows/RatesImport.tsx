import { useId, useState } from 'react';
import { parseRatesCsv, type RatesCsvResult } from '../../../core/flows/ratesCsv';
import { useFlowActions } from '../../hooks/useFlowActions';
import { useT } from '../../i18n/useT';

/**
 * Rates pasted from a spreadsheet or a bank's table (src/core/flows/ratesCsv.ts): saved all together when
 * every line is valid, else none, with each refused line named.
 */
export function RatesImport() {
  const { t } = useT();
  const id = useId();
  const { importRates } = useFlowActions();
  const [text, setText] = useState('');
  const [result, setResult] = useState<RatesCsvResult | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const run = async () => {
    const parsed = parseRatesCsv(text);
    setResult(parsed);
    setSaved(null);
    if (parsed.errors.length > 0 || parsed.rates.length === 0) return;
    await importRates(parsed.rates);
    setSaved(parsed.rates.length);
    setText('');
  };
  return (
    <section aria-labelledby={`${id}-title`} className="flow-form">
      <h2 id={`${id}-title`}>{t('flows.rates.import')}</h2>
      <label>
        {t('flows.rates.importText')}
        <textarea
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={`${id}-hint`}
        />
      </label>
      <p id={`${id}-hint`} className="flow-note">
        {t('flows.rates.importHint')}
      </p>
      <button type="button" onClick={() => void run()}>
        {t('flows.rates.importButton')}
      </button>
      {result && result.errors.length > 0 ? (
        <div className="alert alert-error" role="alert">
          <p>{t('flows.rates.importRefused')}</p>
          <ul>
            {result.errors.map((e) => (
              <li key={e.line}>{t('flows.rates.importLine', { line: e.line, message: e.message })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {result && result.errors.length === 0 && result.rates.length === 0 ? (
        <p className="alert alert-warning" role="status">
          {t('flows.rates.importEmpty')}
        </p>
      ) : null}
      {saved !== null ? (
        <p className="alert alert-success" role="status">
          {t('flows.rates.imported', { count: saved })}
        </p>
      ) : null}
    </section>
  );
}
