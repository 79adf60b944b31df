import { InitialSchema1764150000000 } from './1764150000000-initial-schema';

export { InitialSchema1764150000000 };

/** Every migration, oldest first. Listed as classes (not globs) so they load the same from src and dist. */
export const MIGRATIONS = [InitialSchema1764150000000];
