import type { Role } from '@platform/domain-kernel';

/** Who is acting, as established from a verified token. `org` is a municipality code or a provider CVR. */
export interface Actor {
  sub: string;
  role: Role;
  org: string;
  name?: string;
}
