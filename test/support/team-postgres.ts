import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { closeBeforeRemoval } from './temp-dirs';

/**
 * The PostgreSQL the team-server tests use: TPD_TEST_PG_URL, a connection string for a role that
 * may create databases (`.ci/run` makes one). Each test file gets a database of its own, dropped
 * after the file. Missing, the tests fail saying how to get one: a run never skips them silently.
 */
export function testPostgresUrl(): string {
  const url = process.env.TPD_TEST_PG_URL;
  if (!url)
    throw new Error(
      'TPD_TEST_PG_URL is not set. The team-server tests need PostgreSQL: run `bash .ci/postgres.sh` (as root; it starts ' +
        'the local cluster and prints the URL), or set TPD_TEST_PG_URL to a role that may CREATE DATABASE.',
    );
  return url;
}

/** A new, empty database for this test file; its connection string. Dropped when the file's tests end. */
export async function freshTeamDatabase(prefix = 'team_auth'): Promise<string> {
  const adminUrl = testPostgresUrl();
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  closeBeforeRemoval(async () => {
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    try {
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await dropper.end();
    }
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
