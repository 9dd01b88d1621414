import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ROLE_SCOPES, type RoleGrant, type TeamCaller, type TeamRole, type TeamScope } from '../../shared/team';
import type { TeamDB } from './team-schema';

/** Who the provider says signed in, from the checked ID token. */
export interface Identity {
  issuer: string;
  subject: string;
  /** Lower-cased; null when the provider sent none or said it is unverified. */
  email: string | null;
  displayName: string;
}

export type SignInOutcome =
  | { ok: true; userId: string }
  /** Signed in at the provider, but no one on this server has added them. */
  | { ok: false; reason: 'not_added' };

/**
 * Users and their roles. People are keyed by the provider's (issuer, subject); an administrator can
 * add someone by email before they have signed in, and their first sign-in with that (verified)
 * email binds the subject. After that only the subject counts, so a changed email cannot take over
 * an account.
 */
export function createTeamUsers(db: Kysely<TeamDB>, now: () => Date) {
  /** Gives a user a role with its scope (and programmes), replacing the scope they had in that role. */
  async function grant(userId: string, role: TeamRole, scope: TeamScope, programmes: string[] = []): Promise<void> {
    if (!ROLE_SCOPES[role].includes(scope)) throw new Error(`A ${role} cannot have the scope ${scope}.`);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('team_role_assignments').where('user_id', '=', userId).where('role', '=', role).execute();
      const id = randomUUID();
      await trx
        .insertInto('team_role_assignments')
        .values({ id, user_id: userId, role, scope, created_at: now().toISOString(), created_by: null })
        .execute();
      if (scope === 'programmes' && programmes.length > 0)
        await trx
          .insertInto('team_role_programmes')
          .values(programmes.map((programme) => ({ assignment_id: id, programme })))
          .execute();
    });
  }

  return {
    /**
     * `--add-admin`: an email (has an @) or the provider's subject for `issuer`. Creates the person if
     * new and gives them the admin role; says what it did.
     */
    async addAdmin(emailOrSubject: string, issuer: string): Promise<{ created: boolean; roleAdded: boolean }> {
      const value = emailOrSubject.trim();
      if (!value) throw new Error('--add-admin needs an email address or the provider’s subject.');
      const byEmail = value.includes('@');
      const at = now().toISOString();
      return db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('team_users')
          .select('id')
          .where((eb) =>
            byEmail
              ? eb('email', '=', value.toLowerCase())
              : eb.and([eb('issuer', '=', issuer), eb('subject', '=', value)]),
          )
          .executeTakeFirst();
        const id = existing?.id ?? randomUUID();
        if (!existing)
          await trx
            .insertInto('team_users')
            .values({
              id,
              issuer: byEmail ? null : issuer,
              subject: byEmail ? null : value,
              email: byEmail ? value.toLowerCase() : null,
              display_name: value,
              created_at: at,
              updated_at: at,
              last_sign_in_at: null,
            })
            .execute();
        const added = await trx
          .insertInto('team_role_assignments')
          .values({ id: randomUUID(), user_id: id, role: 'admin', scope: 'server', created_at: at, created_by: null })
          .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
          .executeTakeFirst();
        return { created: !existing, roleAdded: Number(added.numInsertedOrUpdatedRows ?? 0) > 0 };
      });
    },

    grant,

    /** After the provider's answer has been checked: the user it names, binding an added email on first sign-in. */
    async signIn(identity: Identity): Promise<SignInOutcome> {
      const at = now().toISOString();
      return db.transaction().execute(async (trx) => {
        let user = await trx
          .selectFrom('team_users')
          .select('id')
          .where('issuer', '=', identity.issuer)
          .where('subject', '=', identity.subject)
          .executeTakeFirst();
        if (!user && identity.email) {
          // Only a row nobody has signed in as yet: one bound to another subject stays theirs.
          user = await trx
            .selectFrom('team_users')
            .select('id')
            .where('email', '=', identity.email)
            .where('subject', 'is', null)
            .orderBy('created_at')
            .forUpdate()
            .executeTakeFirst();
          if (user)
            await trx
              .updateTable('team_users')
              .set({ issuer: identity.issuer, subject: identity.subject })
              .where('id', '=', user.id)
              .execute();
        }
        if (!user) return { ok: false, reason: 'not_added' } as const;
        await trx
          .updateTable('team_users')
          .set({
            display_name: identity.displayName,
            ...(identity.email ? { email: identity.email } : {}),
            last_sign_in_at: at,
            updated_at: at,
          })
          .where('id', '=', user.id)
          .execute();
        return { ok: true, userId: user.id } as const;
      });
    },

    /** The caller a session stands for: who, and every role with its scope. Null if the user is gone. */
    async caller(userId: string): Promise<TeamCaller | null> {
      const user = await db
        .selectFrom('team_users')
        .select(['id', 'display_name', 'email'])
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!user) return null;
      const rows = await db
        .selectFrom('team_role_assignments as a')
        .leftJoin('team_role_programmes as p', 'p.assignment_id', 'a.id')
        .select(['a.id', 'a.role', 'a.scope', 'p.programme'])
        .where('a.user_id', '=', userId)
        .orderBy('a.role')
        .orderBy('p.programme')
        .execute();
      const grants = new Map<string, RoleGrant>();
      for (const row of rows) {
        const grant = grants.get(row.id) ?? { role: row.role, scope: row.scope, programmes: [] };
        if (row.programme) grant.programmes.push(row.programme);
        grants.set(row.id, grant);
      }
      return { userId: user.id, displayName: user.display_name, email: user.email, roles: [...grants.values()] };
    },
  };
}

export type TeamUsers = ReturnType<typeof createTeamUsers>;
