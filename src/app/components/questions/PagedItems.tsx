import { useRef } from 'react';
import { flushSync } from 'react-dom';
import { useFill } from '../../hooks/useFill';
import type { Paging } from '../../hooks/usePaging';
import { useT } from '../../i18n/useT';
import { FormItems } from './FormItems';

/**
 * One top-level item per screen, with Previous / Next and a table of contents to jump to any relevant
 * screen. Moving puts the focus at the top of the new screen, where a screen reader starts reading.
 */
export function PagedItems({ paging }: { paging: Paging }) {
  const { t, lang } = useT();
  const { state } = useFill();
  const screenRef = useRef<HTMLDivElement>(null);
  const { visible, current } = paging;
  const index = visible.findIndex((item) => item.name === current);
  const item = visible[index];
  const total = visible.length;
  const go = (name: string | undefined) => {
    if (!name) return;
    flushSync(() => paging.go(name));
    screenRef.current?.focus();
  };
  const position = t('fill.screen', { number: index + 1, total });
  return (
    <div className="paged">
      <details className="toc">
        <summary>
          {t('fill.contents')} · {position}
        </summary>
        <ol>
          {visible.map((screen, i) => (
            <li key={screen.name}>
              <button
                type="button"
                className="toc-link"
                aria-current={screen.name === current ? 'step' : undefined}
                onClick={() => go(screen.name)}
              >
                <span className="toc-number">{`${i + 1}. `}</span>
                {state.label([screen.name], lang) || screen.name}
              </button>
            </li>
          ))}
        </ol>
      </details>
      <div className="screen" ref={screenRef} tabIndex={-1} aria-label={position}>
        {item ? <FormItems items={[item]} prefix={[]} /> : null}
      </div>
      <div className="pager">
        <button type="button" disabled={index <= 0} onClick={() => go(visible[index - 1]?.name)}>
          {t('fill.previous')}
        </button>
        <span className="pager-position" aria-hidden="true">
          {index + 1} / {total}
        </span>
        <button
          type="button"
          className="button-primary"
          disabled={index >= total - 1}
          onClick={() => go(visible[index + 1]?.name)}
        >
          {t('fill.next')}
        </button>
      </div>
    </div>
  );
}
