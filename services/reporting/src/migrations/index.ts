import { Initial1795346566944 } from './1795346566944-Initial';
import { CoveringIndexes1795348000000 } from './1795348000000-CoveringIndexes';
import { ConsumerPositions1795998842126 } from './1795998842126-ConsumerPositions';

/** Every migration of the reporting schema, oldest first. */
export const MIGRATIONS = [Initial1795346566944, CoveringIndexes1795348000000, ConsumerPositions1795998842126];
