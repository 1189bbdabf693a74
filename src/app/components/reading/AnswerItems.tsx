import { MediaRef } from '../../../core/forms/answersSchema';
import type { FormDefinition, FormItem, Question, Repeat } from '../../../core/forms/definition';
import { choicesOf, MEDIA_TYPES } from '../../../core/forms/definition';
import { pickText } from '../../../core/i18n/localized';
import { MediaPreview } from '../questions/MediaPreview';
import { answerText, type ReadingOptions } from './answerText';

/** What every level of the reading needs: the form, how to read, and the review's question comments. */
export interface ReadingContext extends ReadingOptions {
  form: FormDefinition;
  /** The review's comment per question name. */
  fieldComments: Readonly<Record<string, string>>;
}

type Heading = 'h3' | 'h4' | 'h5' | 'h6';
const deeper = (h: Heading): Heading => (h === 'h3' ? 'h4' : h === 'h4' ? 'h5' : 'h6');

/** An item's label in the reader's language (its name when it has none, or when codes were asked for). */
export function itemLabel(item: FormItem, ctx: ReadingOptions): string {
  const label = pickText(item.label, ctx.lang);
  return ctx.codes || !label ? item.name : label;
}

/** Questions without an answer to show: notes (text of the form) and what the device never stores. */
const hasNoAnswer = (q: Question) => q.type === 'note';

function QuestionRow({
  question,
  value,
  ctx,
  comment,
}: {
  question: Question;
  value: unknown;
  ctx: ReadingContext;
  comment: string | undefined;
}) {
  const label = itemLabel(question, ctx);
  const media = MEDIA_TYPES.includes(question.type) ? MediaRef.safeParse(value) : null;
  return (
    <div className="sent-field" data-question={question.name}>
      <dt>
        {label}
        {ctx.codes && pickText(question.label, ctx.lang) ? (
          <span className="card-meta"> — {pickText(question.label, ctx.lang)}</span>
        ) : null}
      </dt>
      <dd>
        {media?.success ? (
          <MediaPreview media={media.data} kind={question.type} label={label} onRemove={undefined} />
        ) : (
          answerText(question, value, choicesOf(ctx.form, question), ctx)
        )}
        {comment ? <p className="field-comment">{ctx.t('read.reviewComment', { text: comment })}</p> : null}
      </dd>
    </div>
  );
}

function RepeatSection({
  repeat,
  value,
  ctx,
  heading,
}: {
  repeat: Repeat;
  value: unknown;
  ctx: ReadingContext;
  heading: Heading;
}) {
  const H = heading;
  const label = itemLabel(repeat, ctx);
  const instances = Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => !!v && typeof v === 'object')
    : [];
  const Inner = deeper(heading);
  return (
    <section className="read-repeat" data-repeat={repeat.name}>
      <H>
        {label} <span className="card-meta">({ctx.t('read.instances', { count: instances.length })})</span>
      </H>
      {instances.length === 0 ? <p className="empty">{ctx.t('read.noInstance')}</p> : null}
      <ol className="read-instances">
        {instances.map((answers, i) => (
          <li key={i} className="read-instance">
            <Inner>{ctx.t('read.instance', { label, number: i + 1 })}</Inner>
            <AnswerItems items={repeat.items} answers={answers} ctx={ctx} heading={deeper(Inner)} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * The answers of one level (the submission, or one repeat instance), in the form's order: questions as
 * "label: answer" lines, groups as sections with their heading, repeats as one card per instance (nested
 * repeats inside). Groups' answers sit at their parent's level, as the form stores them.
 */
export function AnswerItems({
  items,
  answers,
  ctx,
  heading,
}: {
  items: readonly FormItem[];
  answers: Readonly<Record<string, unknown>>;
  ctx: ReadingContext;
  heading: Heading;
}) {
  // Consecutive questions share one list; a group or a repeat starts a section of its own.
  const runs: (Question[] | Exclude<FormItem, Question>)[] = [];
  for (const item of items) {
    if (item.kind === 'question') {
      if (hasNoAnswer(item)) continue;
      const last = runs.at(-1);
      if (Array.isArray(last)) last.push(item);
      else runs.push([item]);
    } else runs.push(item);
  }
  const H = heading;
  return (
    <>
      {runs.map((run, i) => {
        if (Array.isArray(run)) {
          return (
            <dl className="sent-fields" key={i}>
              {run.map((q) => (
                <QuestionRow
                  key={q.name}
                  question={q}
                  value={answers[q.name]}
                  ctx={ctx}
                  comment={ctx.fieldComments[q.name]}
                />
              ))}
            </dl>
          );
        }
        if (run.kind === 'repeat')
          return <RepeatSection key={i} repeat={run} value={answers[run.name]} ctx={ctx} heading={heading} />;
        return (
          <section className="read-group" key={i} data-group={run.name}>
            <H>{itemLabel(run, ctx)}</H>
            <AnswerItems items={run.items} answers={answers} ctx={ctx} heading={deeper(heading)} />
          </section>
        );
      })}
    </>
  );
}
