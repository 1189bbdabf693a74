import { useCallback } from 'react';
import { useFormContext } from 'react-hook-form';
import { canScanBarcodes, useBarcodeScan } from '../../hooks/useBarcodeScan';
import { useQuestion } from '../../hooks/useQuestion';
import { useT } from '../../i18n/useT';
import { emptyToUndefined } from './answerConversion';
import { QuestionFrame } from './QuestionParts';
import type { QuestionProps } from './types';

/** barcode: the code typed, or read with the camera where the browser has a BarcodeDetector. */
export function BarcodeQuestion({ question, path }: QuestionProps) {
  const q = useQuestion(question, path);
  const { t } = useT();
  const { register, setValue } = useFormContext();
  const { name } = q;
  const onCode = useCallback((code: string) => setValue(name, code, { shouldDirty: true }), [name, setValue]);
  const scan = useBarcodeScan(onCode);
  const scanning = scan.state === 'scanning';
  return (
    <QuestionFrame q={q}>
      <div className="barcode">
        <input
          id={q.ids.input}
          type="text"
          autoComplete="off"
          readOnly={q.readOnly}
          {...q.aria}
          {...register(name, { setValueAs: emptyToUndefined })}
        />
        {canScanBarcodes() && !q.readOnly ? (
          <button
            type="button"
            className="button-secondary"
            onClick={scanning ? scan.stop : () => void scan.start()}
          >
            {scanning ? t('q.scanStop') : t('q.scan')}
            <span className="visually-hidden"> ({q.label})</span>
          </button>
        ) : null}
      </div>
      {scanning ? <p role="status">{t('q.scanning')}</p> : null}
      {scan.state === 'error' ? <p role="status">{t('q.scanError')}</p> : null}
      <video ref={scan.videoRef} className="barcode-video" hidden={!scanning} muted playsInline />
    </QuestionFrame>
  );
}
