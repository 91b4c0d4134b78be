/** Where the offline checks' tests find the package and the broken fixtures. */
import { join } from 'node:path';

/** The package's source folder. */
export const PACKAGE = join(__dirname, '..', '..', 'force-app');
/** Its default folder, as a deploy reads it. */
export const DEFAULT = join(PACKAGE, 'main', 'default');
/** A broken fixture (fixtures/<name>), one per check. */
export const fixture = (name: string): string => join(__dirname, 'fixtures', name);
