/** Ctrl+N: on a trainee's page the new 1:1 is theirs; anywhere else, choose the trainee first. */
export function newMeetingPath(hash: string): string {
  const match = /^#?\/trainees\/([^/]+)(?:\/|$)/.exec(hash);
  if (match && match[1] !== 'new' && match[1] !== 'import') return `/trainees/${match[1]}/meetings/new`;
  return '/meetings/new';
}
