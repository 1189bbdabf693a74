import { useT } from '../../i18n/useT';

interface Props {
  /** The instance's name, e.g. "Membre 2": part of every button's accessible name. */
  instance: string;
  first: boolean;
  last: boolean;
  onUp: () => void;
  onDown: () => void;
  onRemove: () => void;
}

/** Move up, move down and remove one repeat instance. */
export function RepeatActions({ instance, first, last, onUp, onDown, onRemove }: Props) {
  const { t } = useT();
  const hidden = <span className="visually-hidden"> {instance}</span>;
  return (
    <div className="repeat-actions">
      <button type="button" className="button-small" disabled={first} onClick={onUp}>
        {t('repeat.moveUp')}
        {hidden}
      </button>
      <button type="button" className="button-small" disabled={last} onClick={onDown}>
        {t('repeat.moveDown')}
        {hidden}
      </button>
      <button type="button" className="button-small button-danger-quiet" onClick={onRemove}>
        {t('repeat.remove')}
        {hidden}
      </button>
    </div>
  );
}
