import { describe, expect, it } from 'vitest';
import { parseTransactionsCsv } from '../../../src/core/flows/transactionsCsv';

const ORGS = [
  {
    id: 'o-unicef',
    name: 'Fonds des Nations unies pour l’enfance',
    acronym: 'UNICEF',
    iatiId: 'XM-DAC-41122',
  },
  { id: 'o-ong', name: 'ONG du Sahel', acronym: '', iatiId: null },
];

describe('transactions pasted from a donor’s report', () => {
  it('reads columns in any order, in French, with semicolons and a decimal comma', () => {
    const text = [
      'Date;Type;Montant;Monnaie;Fournisseur;Bénéficiaire;Secteur;Description',
      '2026-03-15;3;25000,50;eur;XM-DAC-41122;ONG du Sahel;72040;Première tranche',
      '',
      '2026-04-01;4;-1 000;XOF;;;;Correction',
    ].join('\n');
    const { transactions, errors } = parseTransactionsCsv(text, 'p1', ORGS);
    expect(errors).toEqual([]);
    expect(transactions).toEqual([
      {
        line: 2,
        transaction: {
          projectId: 'p1',
          type: '3',
          date: '2026-03-15',
          value: 25000.5,
          currency: 'EUR',
          valueDate: '2026-03-15',
          providerOrgId: 'o-unicef',
          receiverOrgId: 'o-ong',
          sector: '72040',
          region: '',
          description: 'Première tranche',
        },
      },
      expect.anything(),
    ]);
    expect(transactions[1]).toMatchObject({ line: 4, transaction: { value: -1000, providerOrgId: null } });
  });

  it('names each refused line and why', () => {
    const text = [
      'type,date,value,currency,provider',
      '2,2026-02-30,100,XOF,UNICEF',
      '14,2026-01-01,abc,FCFA,Inconnue',
      '2,2026-01-01,100,XOF,unicef',
    ].join('\n');
    const { transactions, errors } = parseTransactionsCsv(text, 'p1', ORGS);
    expect(transactions.map((t) => t.line)).toEqual([4]);
    expect(errors.map((e) => e.line)).toEqual([2, 3]);
    expect(errors[1]!.message).toContain('Unknown organisation: Inconnue');
    expect(errors[1]!.message).toContain('Not an IATI transaction type');
  });

  it('refuses a text whose header lacks a required column', () => {
    expect(parseTransactionsCsv('date,value\n2026-01-01,5', 'p1', ORGS).errors).toEqual([
      { line: 1, message: 'Missing columns: type, currency' },
    ]);
  });
});
