import { describe, expect, it } from 'vitest';
import { run, text } from './run';

describe('date functions (clock fixed at 2026-11-23T10:30:15.250Z, Bamako, UTC+0)', () => {
  it('today() is a date, now() a date-time', () => {
    expect(text('today()')).toBe('2026-11-23');
    expect(text('now()')).toBe('2026-11-23T10:30:15.250+00:00');
    expect(run('number(today())')).toBe(20780);
  });

  it('date arithmetic is on days', () => {
    expect(run("date('2026-11-23') + 7")).toBe(20787);
    expect(text("date(date('2026-11-23') + 7)")).toBe('2026-11-30');
    expect(text("date('2026-12-31') + 1")).toBe('20819');
    expect(run("today() - date('2026-11-01')")).toBe(22);
    expect(run('today() - ${dob}', { dob: '2026-11-16' })).toBe(7);
    expect(text('date(0)')).toBe('1970-01-01');
    expect(text("date('2026-11-23T23:59:00')")).toBe('2026-11-23');
  });

  it('date answers compare with today()', () => {
    expect(run('${d} < today()', { d: '2026-11-22' })).toBe(true);
    expect(run('${d} <= today()', { d: '2026-11-24' })).toBe(false);
    expect(run('${d} = today()', { d: '2026-11-23' })).toBe(true);
    expect(run("${d} = ''")).toBe(true);
    expect(run('${d} < today()')).toBe(false);
  });

  it('date() of something that is not a date is empty', () => {
    expect(text("date('soon')")).toBe('');
    expect(text("date('2026-02-29')")).toBe('');
    expect(text('date(${x})')).toBe('');
  });

  it('decimal-date-time counts days with the time of day as a fraction', () => {
    expect(run("decimal-date-time('2026-11-23T12:00:00.000+00:00')")).toBe(20780.5);
    expect(run("decimal-date-time('2026-11-23T12:00:00.000+02:00')")).toBeCloseTo(20780 + 10 / 24, 10);
    expect(run("decimal-date-time('1970-01-02')")).toBe(1);
    expect(run('decimal-date-time(now())')).toBeCloseTo(20780 + (10.5 * 3600 + 15.25) / 86400, 10);
    expect(run("decimal-date-time('later')")).toBeNaN();
  });

  it('format-date supports ODK specifiers', () => {
    expect(text("format-date('2026-03-05', '%Y-%m-%d %e/%n %b %a')")).toBe('2026-03-05 5/3 Mar Thu');
    expect(text("format-date(now(), '%H:%M:%S.%3 %h %y')")).toBe('10:30:15.250 10 26');
    expect(text("format-date-time('2026-11-23T07:05:09.000+00:00', '%e %b %Y, %H:%M')")).toBe(
      '23 Nov 2026, 07:05',
    );
    expect(text("format-date(date('2026-11-23') + 7, '%d/%m/%Y')")).toBe('30/11/2026');
    expect(text("format-date(today(), '100%% %q')")).toBe('100% q');
  });

  it('format-date of an unanswered or invalid date is empty', () => {
    expect(text("format-date(${d}, '%Y')")).toBe('');
    expect(text("format-date('not a date', '%Y')")).toBe('');
  });
});
