import { z } from 'zod';
import { Id } from '../common/common.contract';
import { textMeta, typedString } from '../common/text';

/**
 * A web origin (scheme, host and port) as the browser writes it in the `Origin` header, from
 * what a person typed: `https://Staircase.example.dk:443/` is `https://staircase.example.dk`.
 * Null for anything that is not just an origin: another scheme, a path, a query, a user name —
 * an origin check must compare like with like, never a prefix or a Host header.
 */
export function toOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') return null;
  // `new URL('https://x.example?')` has an empty search but a written '?': not an origin either.
  if (/[?#]/.test(value)) return null;
  return url.origin;
}

/** An origin the municipality's administrator added: unsafe requests from it are accepted. */
export const AllowedOrigin = z.object({
  id: Id,
  origin: z.string(),
  addedAt: z.string(),
});
export type AllowedOrigin = z.infer<typeof AllowedOrigin>;

export const AllowedOriginList = z.object({ items: z.array(AllowedOrigin) });
export type AllowedOriginList = z.infer<typeof AllowedOriginList>;

/** An origin to add, as typed; stored as its origin (toOrigin). */
export const AddAllowedOrigin = z.strictObject({
  origin: typedString('errors.origin')
    .meta(textMeta('code'))
    .transform((value, ctx) => {
      const origin = toOrigin(value);
      if (origin === null) {
        ctx.addIssue({ code: 'custom', message: 'errors.origin' });
        return z.NEVER;
      }
      return origin;
    }),
});
export type AddAllowedOrigin = z.input<typeof AddAllowedOrigin>;

export const AllowedOriginParams = z.strictObject({ originId: Id });
