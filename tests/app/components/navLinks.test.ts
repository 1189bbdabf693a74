import { describe, expect, it } from 'vitest';
import { linksFor, section } from '../../../src/app/components/navLinks';

describe('the header by role', () => {
  it('agents keep their three links; the people at base get their pages', () => {
    const hrefs = (role: Parameters<typeof linksFor>[0]) => linksFor(role).map((l) => l.href);
    expect(hrefs('agent')).toEqual(['#/', '#/submissions', '#/attention']);
    expect(hrefs('focal_point')).toEqual([
      '#/',
      '#/submissions',
      '#/projects',
      '#/review',
      '#/reports',
      '#/exports',
    ]);
    const all = [
      '#/',
      '#/submissions',
      '#/projects',
      '#/review',
      '#/reports',
      '#/forms',
      '#/exports',
      '#/users',
      '#/usage',
    ];
    expect(hrefs('supervisor')).toEqual(all);
    // The IATI import changes every partner's projects: admins only.
    expect(hrefs('admin')).toEqual([...all, '#/iati']);
  });

  it('marks the section of the page shown: a project and its indicators under Projects, a draft under home', () => {
    expect(section('')).toBe('');
    expect(section('#/')).toBe('');
    expect(section('#/projects/p-gao')).toBe('projects');
    expect(section('#/drafts/d1')).toBe('drafts');
    expect(section('#/forms')).toBe('forms');
    // Starting a submission is part of home, not of the forms page.
    expect(section('#/forms/p/f/3/new')).toBe('');
    expect(section('#/review?x=1')).toBe('review');
    const current = (hash: string) => linksFor('admin').find((l) => l.paths.includes(section(hash)))?.href;
    expect(current('#/indicators/i1')).toBe('#/projects');
    expect(current('#/drafts/d1')).toBe('#/');
    expect(current('#/submissions/s1')).toBe('#/submissions');
  });
});
