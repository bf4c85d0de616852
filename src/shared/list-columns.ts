import { z } from 'zod';

import { LIST_FIELDS, type ListFieldKey } from './enrollment-fields.js';

const LEADING_COLUMNS = ['reference', 'revision', 'status', 'compliance', 'checklist'] as const;
const TRAILING_COLUMNS = ['createdAt', 'updatedAt', 'reviewedAt', 'reviewedBy'] as const;

/** A column the admin list can show (a key of a list item); name and tech ID are always shown. */
export type ListColumn = (typeof LEADING_COLUMNS)[number] | ListFieldKey | (typeof TRAILING_COLUMNS)[number];

/** Every column, in the chooser's order: the enrollment's fields come from the field table. */
export const LIST_COLUMNS: readonly ListColumn[] = [...LEADING_COLUMNS, ...LIST_FIELDS, ...TRAILING_COLUMNS];

/** The earlier admin's default choice, plus status, compliance and checklist progress. */
export const DEFAULT_LIST_COLUMNS: readonly ListColumn[] = [
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
  .array(
    z.enum(LIST_COLUMNS as [ListColumn, ...ListColumn[]], {
      error: `Columns must be among: ${LIST_COLUMNS.join(', ')}.`,
    }),
  )
  .max(LIST_COLUMNS.length)
  .refine((list) => new Set(list).size === list.length, 'Name each column once.');
