import { Initial1795346366541 } from './1795346366541-initial';
import { BuiltInScales1795346366542 } from './1795346366542-built-in-scales';

/** Every migration of the progression schema, oldest first. */
export const MIGRATIONS = [Initial1795346366541, BuiltInScales1795346366542];
