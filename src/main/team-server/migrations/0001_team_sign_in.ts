import { sql, type Kysely } from 'kysely';

/**
 * The team server's own tables: who may sign in (users keyed by the provider's issuer and subject),
 * their roles and scopes, sessions, sign-ins in progress and the desktop app's one-time codes.
 * Written portably (text ids, ISO dates as text), though only PostgreSQL runs them. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('team_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Null until the person first signs in, when an admin added them by email.
    .addColumn('issuer', 'text')
    .addColumn('subject', 'text')
    // Lower-cased; how an admin names someone before they have signed in.
    .addColumn('email', 'text')
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_sign_in_at', 'text')
    .addUniqueConstraint('team_users_issuer_subject', ['issuer', 'subject'])
    .addCheckConstraint('team_users_named', sql`subject is not null or email is not null`)
    .addCheckConstraint('team_users_subject_has_issuer', sql`(issuer is null) = (subject is null)`)
    .execute();
  await db.schema.createIndex('team_users_email').on('team_users').column('email').execute();

  await db.schema
    .createTable('team_role_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('team_users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    // server: admin only; region: the whole server's region; programmes: the rows of team_role_programmes;
    // own_trainees: the trainees whose assigned supervisor is this user.
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('team_role_assignments_one_per_role', ['user_id', 'role'])
    .addCheckConstraint(
      'team_role_assignments_role_scope',
      sql`(role = 'admin' and scope = 'server')
        or (role = 'tpd' and scope = 'programmes')
        or (role = 'educational_supervisor' and scope = 'own_trainees')
        or (role = 'exam_lead' and scope in ('programmes', 'region'))
        or (role in ('da_lead', 'ig_officer') and scope = 'region')`,
    )
    .execute();

  await db.schema
    .createTable('team_role_programmes')
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('team_role_assignments.id').onDelete('cascade'))
    .addColumn('programme', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_role_programmes_pk', ['assignment_id', 'programme'])
    .execute();

  await db.schema
    .createTable('team_sessions')
    // SHA-256 of the 256-bit session id; the id itself is only ever in the cookie or the desktop's keychain.
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('team_users.id').onDelete('cascade'))
    .addColumn('client', 'text', (c) => c.notNull().check(sql`client in ('browser', 'desktop')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('team_sessions_user').on('team_sessions').column('user_id').execute();
  await db.schema.createIndex('team_sessions_last_seen').on('team_sessions').column('last_seen_at').execute();

  await db.schema
    .createTable('team_login_transactions')
    // SHA-256 of the random id in the browser's sign-in cookie, so a state seen elsewhere cannot finish it.
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull().check(sql`client in ('browser', 'desktop')`))
    // The desktop app's loopback redirect, its state and PKCE challenge (RFC 8252), for client = 'desktop'.
    .addColumn('desktop_redirect_uri', 'text')
    .addColumn('desktop_state', 'text')
    .addColumn('desktop_code_challenge', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('team_login_transactions_expiry')
    .on('team_login_transactions')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('team_desktop_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('team_users.id').onDelete('cascade'))
    .addColumn('code_challenge', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'team_desktop_codes',
    'team_login_transactions',
    'team_sessions',
    'team_role_programmes',
    'team_role_assignments',
    'team_users',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
