import { initial } from './001-initial';
import { search } from './002-search';
import type { Migration } from './migration';

/** Every migration, in order. Add the next one at the end (see main/store/README.md). */
export const migrations: readonly Migration[] = [initial, search];
export type { Migration } from './migration';
