import * as z from 'zod/mini';
import { FieldFormat } from './common.js';

/**
 * A market's field-mapping template: which fields the widget shows (and novomind may store on the ticket),
 * in which order, labelled per locale ("en" is the fallback), and how each value is formatted.
 * `source` is a dotted path into the order detail or customer view, e.g. "payment.method", "totals.total".
 */
export const TemplateField = z.object({
  key: z.string().check(z.regex(/^[a-z][a-zA-Z0-9_]*$/)),
  source: z.string().check(z.minLength(1)),
  label: z.record(z.string(), z.string()),
  format: FieldFormat,
});
export type TemplateField = z.infer<typeof TemplateField>;

export const FieldTemplate = z.object({
  customer: z.array(TemplateField),
  order: z.array(TemplateField),
});
export type FieldTemplate = z.infer<typeof FieldTemplate>;
