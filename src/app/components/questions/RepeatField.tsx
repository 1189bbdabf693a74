import { useEffect, useState } from 'react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import type { Repeat } from '../../../core/forms/definition';
import { useFill } from '../../hooks/useFill';
import { useT } from '../../i18n/useT';
import { ConfirmPanel } from '../ConfirmPanel';
import { FormItems } from './FormItems';
import { nameToPath, pathToId, pathToName, type Path } from './paths';
import { RepeatActions } from './RepeatActions';

/**
 * A repeat: its instances, each a fieldset of the repeat's items, with buttons to add, remove (after a
 * confirmation) and reorder them. With a `repeat_count` the form fixes the number of instances: they are
 * added or removed to match it, and the buttons are not offered.
 */
export function RepeatField({ repeat, path }: { repeat: Repeat; path: Path }) {
  const { t, lang } = useT();
  const { state, engine } = useFill();
  const { control, getValues } = useFormContext();
  const name = pathToName(path);
  const { fields, append, remove, move } = useFieldArray({ control, name, keyName: '_key' });
  const [confirming, setConfirming] = useState<number | null>(null);
  const count = state.repeatCount([...path]);
  const fixed = count !== undefined;
  const label = state.label([...path], lang) || repeat.name;
  const instanceName = (i: number) => t('repeat.instance', { label, number: i + 1 });
  const length = fields.length;

  useEffect(() => {
    if (count === undefined || count === length) return;
    if (count < length) {
      remove(Array.from({ length: length - count }, (_, i) => count + i));
    } else {
      const instance = () => engine.newInstance(getValues(), nameToPath(name));
      append(Array.from({ length: count - length }, instance));
    }
  }, [count, length, append, remove, engine, getValues, name]);

  return (
    <fieldset className="repeat" id={pathToId(path)}>
      <legend>{label}</legend>
      {fixed ? <p className="hint">{t('repeat.fixed', { count })}</p> : null}
      {fields.map((field, i) => {
        const instancePath = [...path, i];
        if (!state.relevant(instancePath)) return null;
        return (
          <fieldset key={field._key} className="repeat-instance">
            <legend>{instanceName(i)}</legend>
            <FormItems items={repeat.items} prefix={instancePath} />
            {fixed ? null : (
              <RepeatActions
                instance={instanceName(i)}
                first={i === 0}
                last={i === length - 1}
                onUp={() => move(i, i - 1)}
                onDown={() => move(i, i + 1)}
                onRemove={() => setConfirming(i)}
              />
            )}
            {confirming === i ? (
              <ConfirmPanel
                question={t('repeat.removeQuestion', { instance: instanceName(i) })}
                confirmLabel={t('repeat.removeConfirm')}
                onConfirm={() => {
                  setConfirming(null);
                  remove(i);
                }}
                onCancel={() => setConfirming(null)}
              />
            ) : null}
          </fieldset>
        );
      })}
      {fixed ? null : (
        <button
          type="button"
          className="button-secondary repeat-add"
          onClick={() => append(engine.newInstance(getValues(), [...path]))}
        >
          {t('repeat.add', { instance: instanceName(length) })}
        </button>
      )}
    </fieldset>
  );
}
