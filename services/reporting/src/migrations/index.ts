import { Initial1795346566944 } from './1795346566944-Initial';

/** Every migration of the reporting schema, oldest first. */
export const MIGRATIONS = [Initial1795346566944];
