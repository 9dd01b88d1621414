import type { Kysely } from 'kysely';
import { hashSecret, randomSecret } from './secrets';
import type { SessionClient, TeamDB } from './team-schema';

export interface SessionPolicy {
  /** A session unused for this long ends. */
  idleMinutes: number;
  /** A session ends this long after sign-in, however busy. */
  absoluteMinutes: number;
}

export interface LiveSession {
  userId: string;
  client: SessionClient;
  createdAt: string;
}

const MINUTE = 60_000;

/**
 * Sessions in PostgreSQL, so any server process answers any session. The id (256 random bits) is
 * handed to the browser or the desktop once; only its SHA-256 is stored. Expiry uses the server's
 * clock (`now`), which tests control.
 */
export function createSessionStore(db: Kysely<TeamDB>, now: () => Date, policy: SessionPolicy) {
  const expiredBefore = () => ({
    idle: new Date(now().getTime() - policy.idleMinutes * MINUTE).toISOString(),
    absolute: new Date(now().getTime() - policy.absoluteMinutes * MINUTE).toISOString(),
  });

  return {
    policy,

    /** A new session for a user who has just signed in; returns the id to hand over (never stored). */
    async create(userId: string, client: SessionClient): Promise<string> {
      const id = randomSecret();
      const at = now().toISOString();
      await db
        .insertInto('team_sessions')
        .values({ id_hash: hashSecret(id), user_id: userId, client, created_at: at, last_seen_at: at })
        .execute();
      await this.removeExpired();
      return id;
    },

    /**
     * The session with this id if it is still live, noting that it was used now; an idle or
     * too-old session is deleted and answers null, as an unknown id does.
     */
    async use(id: string): Promise<LiveSession | null> {
      if (!id) return null;
      const idHash = hashSecret(id);
      const row = await db
        .selectFrom('team_sessions')
        .select(['user_id', 'client', 'created_at', 'last_seen_at'])
        .where('id_hash', '=', idHash)
        .executeTakeFirst();
      if (!row) return null;
      const { idle, absolute } = expiredBefore();
      if (row.last_seen_at < idle || row.created_at < absolute) {
        await db.deleteFrom('team_sessions').where('id_hash', '=', idHash).execute();
        return null;
      }
      await db
        .updateTable('team_sessions')
        .set({ last_seen_at: now().toISOString() })
        .where('id_hash', '=', idHash)
        .execute();
      return { userId: row.user_id, client: row.client, createdAt: row.created_at };
    },

    /** Signing out: the row goes, so the old cookie or desktop token opens nothing, on any process. */
    async end(id: string): Promise<void> {
      if (id) await db.deleteFrom('team_sessions').where('id_hash', '=', hashSecret(id)).execute();
    },

    /** Every session of a user (their access was removed). */
    async endAllFor(userId: string): Promise<void> {
      await db.deleteFrom('team_sessions').where('user_id', '=', userId).execute();
    },

    async removeExpired(): Promise<void> {
      const { idle, absolute } = expiredBefore();
      await db
        .deleteFrom('team_sessions')
        .where((eb) => eb.or([eb('last_seen_at', '<', idle), eb('created_at', '<', absolute)]))
        .execute();
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
