/**
 * Every error the hub reports to a client, by code. The HTTP status and the message a client sees
 * live here, so routes throw `new AppError('user_not_found')` and never compose their own answers.
 */
export const ERRORS = {
  bad_request: { status: 400, message: 'The request is not valid.' },
  validation_failed: { status: 400, message: 'The request is not valid.' },
  weak_password: { status: 400, message: 'Choose a longer or less common password.' },
  account_required: { status: 400, message: 'This e-mail address belongs to several accounts: say which one.' },
  unauthenticated: { status: 401, message: 'Sign in first.' },
  invalid_credentials: { status: 401, message: 'The e-mail address or the password is wrong.' },
  invalid_link: { status: 400, message: 'This link is not valid any more. Ask for a new one.' },
  wrong_password: { status: 400, message: 'The current password is wrong.' },
  forbidden: { status: 403, message: 'Your role does not allow this.' },
  not_found: { status: 404, message: 'Not found.' },
  user_not_found: { status: 404, message: 'No such user.' },
  account_not_found: { status: 404, message: 'No such account.' },
  channel_not_found: { status: 404, message: 'No such channel.' },
  conversation_not_found: { status: 404, message: 'No such conversation.' },
  visitor_not_found: { status: 404, message: 'No such visitor.' },
  sdk_option_required: {
    status: 409,
    message: 'Web chat channels need the "sdk" option on the account: ask the hub’s operator to enable it.',
  },
  email_taken: { status: 409, message: 'A user with this e-mail address already exists in this account.' },
  slug_taken: { status: 409, message: 'An account with this short name already exists.' },
  seat_limit_reached: {
    status: 409,
    message: 'All seats of this account are taken: deactivate a user or add seats first.',
  },
  last_administrator: {
    status: 409,
    message: 'An account needs at least one active administrator: this one cannot be removed or demoted.',
  },
  cannot_change_own_role: { status: 403, message: 'You cannot change your own role.' },
  account_locked: {
    status: 423,
    message:
      'This user is locked after too many failed sign-ins. Follow the link we sent by e-mail, or ask for a new one with "Forgot password".',
  },
  payload_too_large: { status: 413, message: 'The request is too large.' },
  unsupported_media_type: { status: 415, message: 'Send JSON.' },
  rate_limited: { status: 429, message: 'Too many requests: wait a moment and try again.' },
  internal: { status: 500, message: 'Something went wrong on the hub. It has been logged.' },
  not_ready: { status: 503, message: 'The hub is not ready.' },
  portal_not_built: {
    status: 503,
    message: 'The staff portal is not built on this hub: run "pnpm build" (or "pnpm --filter @interact/portal build") and reload.',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** An error meant for the client: its code picks status and message from the catalogue. */
export class AppError extends Error {
  override name = 'AppError';
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERRORS[code].message);
    this.statusCode = ERRORS[code].status;
  }
}
