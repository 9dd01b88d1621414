/**
 * Team mode's roles and what each is scoped to (docs/team-server.md; TEAM.md's table). Kept as
 * data so the server's tables, its checks and the screens name them one way.
 */
export const TEAM_ROLES = ['tpd', 'educational_supervisor', 'exam_lead', 'da_lead', 'ig_officer', 'admin'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** server: admin only; region: everything on this server; programmes: named programmes; own_trainees: a supervisor's. */
export const TEAM_SCOPES = ['server', 'region', 'programmes', 'own_trainees'] as const;
export type TeamScope = (typeof TEAM_SCOPES)[number];

/** The scopes each role may have; the first is the one it gets unless told otherwise. */
export const ROLE_SCOPES: Record<TeamRole, readonly TeamScope[]> = {
  tpd: ['programmes'],
  educational_supervisor: ['own_trainees'],
  exam_lead: ['programmes', 'region'],
  da_lead: ['region'],
  ig_officer: ['region'],
  admin: ['server'],
};

export const ROLE_LABELS: Record<TeamRole, string> = {
  tpd: 'Training programme director',
  educational_supervisor: 'Educational supervisor',
  exam_lead: 'Exam lead',
  da_lead: 'DA lead',
  ig_officer: 'IG officer',
  admin: 'Administrator',
};

/** One role a signed-in person holds, with its scope (programme names where the scope is `programmes`). */
export interface RoleGrant {
  role: TeamRole;
  scope: TeamScope;
  programmes: string[];
}

/** Who is making a call on a team server: the seam role checks, scope filters and `SET LOCAL` build on. */
export interface TeamCaller {
  userId: string;
  displayName: string;
  email: string | null;
  roles: RoleGrant[];
}
