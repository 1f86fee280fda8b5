import { AppError } from '../errors/catalogue.js';

/**
 * Allowed origins as browsers send them in the Origin header: lower-case host, no default port
 * (`https://Shop.Example:443` is sent as `https://shop.example`). The visitor socket compares
 * origins exactly, so one stored any other way would never match. Repeats are dropped.
 */
export function exactOrigins(origins: readonly string[]): string[] {
  return [
    ...new Set(
      origins.map((origin) => {
        try {
          return new URL(origin).origin;
        } catch {
          // The schema's pattern lets through what URL still refuses, such as port 99999.
          throw new AppError('validation_failed', `allowedOrigins: ${origin} is not a valid origin`);
        }
      }),
    ),
  ];
}
