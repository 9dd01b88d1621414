export type SearchEntity = 'trainee' | 'meeting' | 'action' | 'goal';

/** A piece of a snippet: `hit` pieces are the words that matched, shown highlighted. */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

export interface SearchResult {
  entity: SearchEntity;
  entityId: string;
  traineeId: string;
  traineeName: string;
  title: string;
  snippet: SnippetPart[];
  /** The words matched in the TPD's private notes (shown only here, in the app). */
  inPrivateNotes: boolean;
  /** Where the result opens. */
  link: string;
}

export interface SearchResponse {
  query: string;
  results: SearchResult[];
  /** True when more matched than were returned. */
  more: boolean;
}

export interface TimelineEntry {
  id: string;
  /** yyyy-MM-dd */
  date: string;
  kind: 'meeting' | 'plan' | 'support' | 'status' | 'needs';
  title: string;
  detail: string | null;
  link: string;
}

export const TIMELINE_KINDS: Array<{ value: TimelineEntry['kind']; label: string }> = [
  { value: 'meeting', label: '1:1 meetings' },
  { value: 'plan', label: 'Plan changes' },
  { value: 'support', label: 'Support' },
  { value: 'status', label: 'Status changes' },
  { value: 'needs', label: 'Early needs' },
];
