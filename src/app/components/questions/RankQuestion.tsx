import { useEffect, useRef, useState } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { pickText } from '../../../core/i18n/localized';
import { useOfferedChoices } from '../../hooks/useOfferedChoices';
import { useQuestion } from '../../hooks/useQuestion';
import { useT } from '../../i18n/useT';
import { asStringList } from './answerConversion';
import { QuestionFrame } from './QuestionParts';
import { moveItem, rankOrder } from './rankOrder';
import type { QuestionProps } from './types';

/**
 * rank: the choices as a numbered list, each with up and down buttons (big enough for a finger, reachable
 * by Tab, announced by screen readers). The answer is the whole ordering, as ODK's rank widget gives it:
 * unanswered until the agent moves a choice or accepts the order shown.
 */
export function RankQuestion({ question, path }: QuestionProps) {
  const { t, lang } = useT();
  const q = useQuestion(question, path);
  const { control } = useFormContext();
  const choices = useOfferedChoices(path, q.name);
  const [status, setStatus] = useState('');
  // The button to focus after a move: React may move the focused element in the DOM, which blurs it.
  const refocus = useRef<string | null>(null);
  useEffect(() => {
    if (refocus.current) document.getElementById(refocus.current)?.focus();
    refocus.current = null;
  });
  const labelOf = (name: string) => pickText(choices.find((c) => c.name === name)?.label, lang) || name;
  return (
    <QuestionFrame q={q} group>
      <Controller
        control={control}
        name={q.name}
        render={({ field }) => {
          const answered = asStringList(field.value).length > 0;
          const order = rankOrder(
            choices.map((c) => c.name),
            asStringList(field.value),
          );
          const move = (from: number, to: number, dir: 'up' | 'down') => {
            if (to < 0 || to >= order.length) return;
            field.onChange(moveItem(order, from, to));
            const label = labelOf(order[from] ?? '');
            setStatus(t('rank.moved', { label, position: to + 1, count: order.length }));
            refocus.current = `${q.ids.input}-${to}-${dir}`;
          };
          return (
            <div className="rank">
              {answered ? null : <p className="hint">{t('rank.unranked')}</p>}
              <ol className="rank-list">
                {order.map((name, i) => (
                  <li key={name}>
                    <span className="rank-position">{i + 1}</span>
                    <span className="rank-label">{labelOf(name)}</span>
                    {q.readOnly
                      ? null
                      : (['up', 'down'] as const).map((dir) => {
                          const to = dir === 'up' ? i - 1 : i + 1;
                          const edge = to < 0 || to >= order.length;
                          return (
                            <button
                              key={dir}
                              type="button"
                              id={`${q.ids.input}-${i}-${dir}`}
                              ref={i === 0 && dir === 'up' ? field.ref : undefined}
                              className="button-small"
                              aria-label={t(dir === 'up' ? 'rank.up' : 'rank.down', { label: labelOf(name) })}
                              // aria-disabled, not disabled: a button that reaches the edge keeps the focus.
                              aria-disabled={edge || undefined}
                              onClick={() => move(i, to, dir)}
                            >
                              {dir === 'up' ? '↑' : '↓'}
                            </button>
                          );
                        })}
                  </li>
                ))}
              </ol>
              {q.readOnly ? null : (
                <button
                  type="button"
                  className="button-small"
                  onClick={() => field.onChange(answered ? undefined : order)}
                >
                  {t(answered ? 'rank.clear' : 'rank.accept')}
                </button>
              )}
              <p className="visually-hidden" aria-live="polite">
                {status}
              </p>
            </div>
          );
        }}
      />
    </QuestionFrame>
  );
}
