import { TRANSACTION_TYPES } from '../../../core/records/transaction';
import type { MessageKey } from '../../i18n/types';
import type { FlowTable } from '../../repositories/flows';

/**
 * The fields of the aid-flow forms, as the form holds them (strings) and as the record holds them. One
 * description per table, which FlowForm renders and `changeOf` reads back.
 */
export type FieldKind = 'text' | 'date' | 'amount' | 'select' | 'org' | 'textarea' | 'currency';

export interface FlowField {
  name: string;
  label: MessageKey;
  kind: FieldKind;
  /** For a select: the values and their labels. */
  options?: readonly (readonly [value: string, label: MessageKey])[];
  /** Fields that may be left empty, saved as null (`nullable`) or ''. */
  optional?: 'nullable' | 'empty';
  /** Only when the record is new (a rate's currency and month are its identity). */
  identity?: true;
}

const TYPE_OPTIONS = TRANSACTION_TYPES.map((code) => [code, `flows.type.${code}` as MessageKey] as const);

export const FLOW_FIELDS: Record<FlowTable, readonly FlowField[]> = {
  transactions: [
    { name: 'type', label: 'flows.field.type', kind: 'select', options: TYPE_OPTIONS },
    { name: 'date', label: 'flows.field.date', kind: 'date' },
    { name: 'value', label: 'flows.field.value', kind: 'amount' },
    { name: 'currency', label: 'flows.field.currency', kind: 'currency' },
    { name: 'valueDate', label: 'flows.field.valueDate', kind: 'date' },
    { name: 'providerOrgId', label: 'flows.field.provider', kind: 'org', optional: 'nullable' },
    { name: 'receiverOrgId', label: 'flows.field.receiver', kind: 'org', optional: 'nullable' },
    { name: 'sector', label: 'flows.field.sector', kind: 'text', optional: 'nullable' },
    { name: 'region', label: 'flows.field.region', kind: 'text', optional: 'empty' },
    { name: 'description', label: 'flows.field.description', kind: 'textarea', optional: 'empty' },
  ],
  plannedDisbursements: [
    {
      name: 'type',
      label: 'flows.field.plannedType',
      kind: 'select',
      options: [
        ['1', 'flows.plannedType.1'],
        ['2', 'flows.plannedType.2'],
      ],
    },
    { name: 'periodStart', label: 'flows.field.periodStart', kind: 'date' },
    { name: 'periodEnd', label: 'flows.field.periodEnd', kind: 'date' },
    { name: 'value', label: 'flows.field.plannedValue', kind: 'amount' },
    { name: 'currency', label: 'flows.field.currency', kind: 'currency' },
    { name: 'valueDate', label: 'flows.field.valueDate', kind: 'date' },
    { name: 'providerOrgId', label: 'flows.field.provider', kind: 'org', optional: 'nullable' },
    { name: 'receiverOrgId', label: 'flows.field.receiver', kind: 'org', optional: 'nullable' },
  ],
  exchangeRates: [
    { name: 'currency', label: 'flows.rates.currency', kind: 'currency', identity: true },
    { name: 'month', label: 'flows.rates.month', kind: 'text', identity: true },
    { name: 'xofPerUnit', label: 'flows.rates.xofPerUnit', kind: 'amount' },
    { name: 'source', label: 'flows.rates.source', kind: 'text', optional: 'empty' },
  ],
};

export type FlowFormValues = Record<string, string>;

/** An amount as typed: a French decimal comma is a point; anything else not a number is NaN (refused). */
export function parseAmount(text: string): number {
  const cleaned = text.trim().replace(',', '.');
  return cleaned === '' ? NaN : Number(cleaned);
}

/** The form's values of a record (empty for a new one; a transaction starts as a disbursement in XOF). */
export function formValuesOf(table: FlowTable, record: Record<string, unknown> | undefined): FlowFormValues {
  const values: FlowFormValues = {};
  for (const field of FLOW_FIELDS[table]) {
    const value = record?.[field.name];
    values[field.name] = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  }
  if (!record) {
    if (table === 'transactions') values.type = '3';
    if (table === 'plannedDisbursements') values.type = '1';
    values.currency = table === 'exchangeRates' ? 'EUR' : 'XOF';
  }
  return values;
}

/**
 * The change the values make, as the record holds it. An empty value date is the transaction's date (or
 * the period's start): IATI's value-date is most often that day.
 */
export function changeOf(table: FlowTable, values: FlowFormValues): Record<string, unknown> {
  const change: Record<string, unknown> = {};
  for (const field of FLOW_FIELDS[table]) {
    const text = values[field.name] ?? '';
    if (field.kind === 'amount') change[field.name] = parseAmount(text);
    else if (field.kind === 'currency') change[field.name] = text.trim().toUpperCase();
    else if (field.optional === 'nullable') change[field.name] = text.trim() === '' ? null : text.trim();
    else change[field.name] = field.kind === 'textarea' ? text : text.trim();
  }
  if ('valueDate' in change && change.valueDate === '')
    change.valueDate = change.date ?? change.periodStart ?? '';
  return change;
}
