import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import { hasContact, NO_CONTACT, Organisation } from '../../../src/core/records/organisation';
import { applyWrites, type FieldStates } from '../../../src/core/sync/merge';
import { MERGE_TABLES, mergeTable } from '../../../src/core/sync/mergeTables';
import { fieldWrites, materialize, parseWrite, valuesOf } from '../../../src/core/sync/mergeRecords';

const older = { id: 'o1', name: 'ONG Sahel', acronym: '', iatiId: null, type: '22', deleted: false };

describe('an organisation’s contact', () => {
  it('reads a record stored before the contact fields, with no contact', () => {
    const org = Organisation.parse(older);
    expect(org).toEqual({ ...older, ...NO_CONTACT });
    expect(hasContact(org)).toBe(false);
    expect(hasContact({ ...org, contactTelephone: ' ' })).toBe(false);
    expect(hasContact({ ...org, contactTelephone: '+223 20 00 00 00' })).toBe(true);
  });

  it('takes an email address and an http(s) website, or none', () => {
    const ok = (fields: Record<string, unknown>) => Organisation.safeParse({ ...older, ...fields }).success;
    expect(ok({ contactEmail: 'suivi@ong-sahel.org', contactWebsite: 'https://ong-sahel.org/fr' })).toBe(
      true,
    );
    expect(ok({ contactEmail: '', contactWebsite: 'http://ong-sahel.org' })).toBe(true);
    for (const email of ['suivi', 'suivi@', 'a b@c.org', `${'a'.repeat(250)}@c.org`])
      expect(ok({ contactEmail: email }), email).toBe(false);
    for (const website of [
      'ong-sahel.org',
      'javascript:alert(1)',
      'ftp://ong-sahel.org',
      'https://localhost',
      'https://a.org/with space',
      'https://192.168.1.1/admin',
      `https://a.org/${'x'.repeat(500)}`,
    ])
      expect(ok({ contactWebsite: website }), website).toBe(false);
    expect(ok({ contactAddress: 'x'.repeat(501) })).toBe(false);
    expect(ok({ contactTelephone: '1'.repeat(51) })).toBe(false);
  });

  it('merges field by field: two supervisors changing the email and the telephone both keep theirs', () => {
    const spec = mergeTable('organisations');
    const hlc = (wall: number, node: string) => encodeHlc({ wall, counter: 0, node });
    const put = (state: FieldStates, fields: Record<string, unknown>, at: string, by: string) => {
      const parsed = parseWrite(spec, 'put', fields);
      if (!parsed.ok) throw parsed.error;
      return applyWrites(state, fieldWrites(spec, parsed.values, { hlc: at, by })).state;
    };
    let state = put({}, { name: 'ONG Sahel', type: '22' }, hlc(1, 'a'), 'u1');
    state = put(state, { contactEmail: 'a@ong.org' }, hlc(3, 'b'), 'u2');
    state = put(state, { contactTelephone: '+223 1' }, hlc(2, 'c'), 'u3');
    const org = Organisation.parse(materialize(spec, 'o1', {}, valuesOf(state)));
    expect(org).toMatchObject({ contactEmail: 'a@ong.org', contactTelephone: '+223 1', contactPerson: '' });
    expect(parseWrite(spec, 'put', { contactEmail: 'not an email' }).ok).toBe(false);
    expect(parseWrite(spec, 'put', { contactWebsite: 'javascript:alert(1)' }).ok).toBe(false);
  });

  it('no merge field of any table has a default: a write that leaves a field out must not reset it', () => {
    for (const [table, spec] of Object.entries(MERGE_TABLES))
      for (const [name, schema] of Object.entries(spec.fields))
        expect(schema.safeParse(undefined).success, `${table}.${name}`).toBe(false);
  });
});
