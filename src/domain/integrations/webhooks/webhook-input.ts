import { z } from 'zod';
import { WEBHOOK_EVENTS } from './webhook-events.js';

const url = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: 'Enter an http(s) URL, like https://hooks.example.com/byov.',
  })
  .refine((value) => !URL.canParse(value) || (new URL(value).username === '' && new URL(value).password === ''), {
    message: 'Leave credentials out of the URL; deliveries are signed instead.',
  });

const events = z
  .array(z.enum(WEBHOOK_EVENTS, { error: `Each event must be one of ${WEBHOOK_EVENTS.join(', ')}.` }))
  .min(1, { message: 'Choose at least one event.' })
  .transform((list) => [...new Set(list)]);

export const NewEndpointSchema = z.object({
  url,
  description: z.string().trim().max(200).default(''),
  events,
  enabled: z.boolean().default(true),
});

export const EndpointChangesSchema = z.object({
  url: url.optional(),
  description: z.string().trim().max(200).optional(),
  events: events.optional(),
  enabled: z.boolean().optional(),
});
