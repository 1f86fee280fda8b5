import { query, type Http } from './http.js';
import type { Account, StaffMember, User, UserInput, UserList, UserQuery } from './types.js';

/** Staff users (administrators), the account's seats, and the colleagues one can transfer to. */
export class UsersApi {
  constructor(private readonly http: Http) {}

  list(q: UserQuery): Promise<UserList> {
    const search = q.search.trim() || undefined;
    return this.http.get<UserList>(`/users${query({ search, sort: q.sort, order: q.order, page: q.page, pageSize: q.pageSize })}`);
  }

  create(input: UserInput): Promise<User> {
    return this.http.post<User>('/users', input);
  }

  update(id: string, changes: Partial<UserInput>): Promise<User> {
    return this.http.patch<User>(`/users/${encodeURIComponent(id)}`, changes);
  }

  remove(id: string): Promise<void> {
    return this.http.delete(`/users/${encodeURIComponent(id)}`);
  }

  /** Mails the user a new invitation (no password yet) or password link. */
  sendPasswordLink(id: string): Promise<void> {
    return this.http.post<void>(`/users/${encodeURIComponent(id)}/password-link`);
  }

  account(): Promise<Account> {
    return this.http.get<Account>('/account');
  }

  staff(): Promise<StaffMember[]> {
    return this.http.get<StaffMember[]>('/staff');
  }
}
