import { z } from 'zod';

/** Columns the admin list can show (keys of a list item); name and tech ID are always shown. */
export const LIST_COLUMNS = [
  'reference',
  'revision',
  'status',
  'compliance',
  'checklist',
  'district',
  'state',
  'referredBy',
  'industries',
  'email',
  'phone',
  'vin',
  'year',
  'make',
  'model',
  'color',
  'plate',
  'insuranceProvider',
  'insurancePolicyNumber',
  'insuranceExpiration',
  'registrationExpiration',
  'createdAt',
  'updatedAt',
  'reviewedAt',
  'reviewedBy',
] as const;

/** The earlier admin's default choice, plus status, compliance and checklist progress. */
export const DEFAULT_LIST_COLUMNS: readonly (typeof LIST_COLUMNS)[number][] = [
  'status',
  'compliance',
  'checklist',
  'district',
  'state',
  'year',
  'make',
  'model',
  'vin',
  'createdAt',
];

export const ListColumnsSchema = z
  .array(z.enum(LIST_COLUMNS, { error: `Columns must be among: ${LIST_COLUMNS.join(', ')}.` }))
  .max(LIST_COLUMNS.length)
  .refine((list) => new Set(list).size === list.length, 'Name each column once.');
