import { z } from 'zod';
import { today } from './today';

/**
 * Building blocks every area's contract uses. Messages are i18n keys (`errors.*`):
 * the server and the web app translate them, so a contract never carries prose.
 */
export const Id = z.uuid({ message: 'errors.id' });
export type Id = z.infer<typeof Id>;

export const IsoDate = z.iso.date({ message: 'errors.date' });

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
/**
 * A date of something that has happened: on or after `earliest` (a floor that catches typing
 * errors such as 1800 or 0202), and not after today in Denmark (today.ts). A date that is not a
 * date gets only errors.date.
 */
export function pastDate(earliest: string, tooEarlyKey: string) {
  return IsoDate.refine((d) => !isoDatePattern.test(d) || d >= earliest, { message: tooEarlyKey }).refine(
    (d) => !isoDatePattern.test(d) || d <= today(),
    { message: 'errors.dateInFuture' },
  );
}

export const PageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
};

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** RFC 9457 problem details; `errors` names each field in error with a translated message. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Locale = z.enum(['da', 'en']);
export type Locale = z.infer<typeof Locale>;

// User-typed text (names, addresses, notes) is built in text.ts: one type for every contract.
