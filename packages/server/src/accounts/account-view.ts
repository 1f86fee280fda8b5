import type { AccountRow } from '../storage/schema.js';
import type { AccountView } from './accounts-schemas.js';

export function toAccountView(account: AccountRow, seatsUsed: number): AccountView {
  return {
    id: account.id,
    slug: account.slug,
    name: account.name,
    plan: account.plan,
    seatCount: account.seatCount,
    seatsUsed,
    options: account.options,
    timezone: account.timezone,
    languages: account.languages,
  };
}
