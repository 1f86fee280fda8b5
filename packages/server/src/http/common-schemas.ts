import { Type, type TStringOptions } from 'typebox';

/** The body of every error answer. */
export const ErrorResponse = Type.Object(
  {
    code: Type.String({ description: 'Stable machine-readable code from the error catalogue' }),
    message: Type.String({ description: 'What went wrong, for people' }),
  },
  { description: 'An error' },
);

/** Error answers a route may give, by status, for its `response` schema. */
export function errors<const S extends readonly number[]>(...statuses: S) {
  return Object.fromEntries(statuses.map((s) => [s, ErrorResponse])) as { [K in S[number]]: typeof ErrorResponse };
}

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
export const Language = Type.String({
  pattern: '^[a-z]{2,3}(-[A-Z]{2})?$',
  description: 'BCP 47 language tag such as "en", "fr" or "nl-BE"',
});
export const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const Timestamp = Type.String({ format: 'date-time' });

/**
 * A string or null, as one JSON Schema type list. Not a union: with the hub's type coercion a
 * union would turn null into "" in its string branch, or report "must be null" for a string that
 * is too long.
 */
export function StringOrNull(options: TStringOptions = {}) {
  return Type.Unsafe<string | null>({ ...options, type: ['string', 'null'] });
}
