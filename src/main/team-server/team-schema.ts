/** Row types of the team server's own tables (migrations/0001_team_sign_in.ts). */
import type { TeamRole, TeamScope } from '../../shared/team';

export interface TeamUsersTable {
  id: string;
  issuer: string | null;
  subject: string | null;
  email: string | null;
  display_name: string;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
}

export interface TeamRoleAssignmentsTable {
  id: string;
  user_id: string;
  role: TeamRole;
  scope: TeamScope;
  created_at: string;
  created_by: string | null;
}

export interface TeamRoleProgrammesTable {
  assignment_id: string;
  programme: string;
}

export type SessionClient = 'browser' | 'desktop';

export interface TeamSessionsTable {
  id_hash: string;
  user_id: string;
  client: SessionClient;
  created_at: string;
  last_seen_at: string;
}

export interface TeamLoginTransactionsTable {
  id_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  client: SessionClient;
  desktop_redirect_uri: string | null;
  desktop_state: string | null;
  desktop_code_challenge: string | null;
  created_at: string;
  expires_at: string;
}

export interface TeamDesktopCodesTable {
  code_hash: string;
  user_id: string;
  code_challenge: string;
  redirect_uri: string;
  created_at: string;
  expires_at: string;
}

export interface TeamDB {
  team_users: TeamUsersTable;
  team_role_assignments: TeamRoleAssignmentsTable;
  team_role_programmes: TeamRoleProgrammesTable;
  team_sessions: TeamSessionsTable;
  team_login_transactions: TeamLoginTransactionsTable;
  team_desktop_codes: TeamDesktopCodesTable;
}
