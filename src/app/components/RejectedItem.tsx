import { useState } from 'react';
import { pickText } from '../../core/i18n/localized';
import { REJECT_CODES } from '../../core/sync/protocol';
import type { FormRecord, OutboxEntry } from '../db/schema';
import { useNow } from '../hooks/useNow';
import { useOutboxActions } from '../hooks/useOutboxActions';
import { relativeTime } from '../i18n/format';
import type { MessageKey } from '../i18n/types';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/pageStrings';
import { useT } from '../i18n/useT';
import { ConfirmPanel } from './ConfirmPanel';
import { SentFields } from './SentFields';

function reasonKey(code: string | undefined): MessageKey {
  const known = (REJECT_CODES as readonly string[]).includes(code ?? '');
  return known ? (`att.reason.${code}` as MessageKey) : 'att.reason.other';
}

/** One refused mutation: why, what was sent, and Resend / Discard (on purpose, after a confirmation). */
export function RejectedItem({ entry, form }: { entry: OutboxEntry; form: FormRecord | undefined }) {
  const { t, lang } = useT();
  const now = useNow();
  const actions = useOutboxActions();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const rejection = entry.rejection;
  const title = form ? pickText(form.definition.title, lang) : `${entry.table} ${entry.id}`;
  const headingId = `rejected-${entry.seq}`;

  const resend = async () => {
    setBusy(true);
    try {
      await actions.resend(entry.seq);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="card card-rejected" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-title">
        {title}
      </h2>
      <p className="rejection-reason">{t(reasonKey(rejection?.code))}</p>
      {rejection ? (
        <p className="card-meta">
          {t('att.code', { code: rejection.code })} · {rejection.message} ·{' '}
          {t('att.rejectedAt', { time: relativeTime(rejection.at, lang, now) })}
        </p>
      ) : null}
      <details>
        <summary>{t('att.sent')}</summary>
        <SentFields fields={entry.fields} form={form?.definition} />
      </details>
      <div className="card-actions">
        <button type="button" className="button-primary" disabled={busy} onClick={() => void resend()}>
          {t('att.resend')}
        </button>
        <button
          type="button"
          className="button-danger-quiet"
          disabled={busy}
          onClick={() => setConfirming(true)}
        >
          {t('att.discard')}
        </button>
      </div>
      {confirming ? (
        <ConfirmPanel
          question={t('att.discardQuestion')}
          confirmLabel={t('att.discardConfirm')}
          onConfirm={() => {
            setConfirming(false);
            void actions.discard(entry.seq);
          }}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </li>
  );
}
