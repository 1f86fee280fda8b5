import { AuthApi } from './auth-api.js';
import { Http, type HttpOptions } from './http.js';
import { UsersApi } from './users-api.js';
import { VisitorsApi } from './visitors-api.js';

/** The hub's HTTP API, by domain. Views get this object and call only what they need. */
export interface Api {
  auth: AuthApi;
  users: UsersApi;
  visitors: VisitorsApi;
}

export function createApi(options?: HttpOptions): Api {
  const http = new Http(options);
  return { auth: new AuthApi(http), users: new UsersApi(http), visitors: new VisitorsApi(http) };
}

export { ApiError } from './http.js';
export type { CodedError } from './http.js';
