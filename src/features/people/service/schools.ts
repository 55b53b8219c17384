// Use cases for schools and their home-room classes.
import { accessSchool } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext } from '../../../server/context';
import * as store from '../store';

export async function listClassesOf(ctx: AppContext, actor: Actor, schoolId: string) {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'class.list');
  return store.listClasses(ctx.db, school.id, scope);
}
