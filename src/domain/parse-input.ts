import type { z } from 'zod';
import { AppError } from '../errors.js';
import { firstIssue } from '../shared/enrollment.schema.js';

export interface ParseOptions {
  /**
   * How many parts of the problem's path name the field: 1 names the top-level field ("status"
   * rather than "status.1"); 3 names `tasks.policy_hr.recipients`. By default the whole path.
   */
  fieldDepth?: number;
  /** The field to name when the problem is with the input as a whole. */
  fallbackField?: string;
  /** One answer for any problem, where the schema's own words would not help the reader. */
  refusal?: { message: string; field: string };
}

/**
 * The one way input from outside (a request body, a query, a CLI argument) is checked: the
 * schema's parsed value, or the AppError every caller reports for bad input, naming the field
 * of the first problem in the schema's own words.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, options: ParseOptions = {}): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  if (options.refusal)
    throw new AppError('VALIDATION_FAILED', options.refusal.message, { field: options.refusal.field });
  const issue = firstIssue(parsed.error);
  const field = options.fieldDepth ? issue.field.split('.').slice(0, options.fieldDepth).join('.') : issue.field;
  throw new AppError('VALIDATION_FAILED', issue.message, { field: field || (options.fallbackField ?? '') });
}
