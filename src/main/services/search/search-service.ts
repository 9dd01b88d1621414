import { sql, type Kysely } from 'kysely';
import type { SearchEntity, SearchResponse, SearchResult, SnippetPart } from '../../../shared/search/search-types';
import type { DB } from '../../store/schema';

// Private-use characters mark the matched words inside snippets; they never occur in typed text.
const HIT_START = '\uE000';
const HIT_END = '\uE001';

/**
 * Turns what a person types into an FTS5 query: each word becomes a quoted prefix term, so
 * punctuation and FTS operators in the text are taken literally ("AKT-prep" finds "AKT prep").
 */
export function ftsQuery(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const re = new RegExp(`${HIT_START}(.*?)${HIT_END}`, 'gs');
  let last = 0;
  for (const m of snippet.matchAll(re)) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), hit: false });
    parts.push({ text: m[1]!, hit: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), hit: false });
  return parts.filter((p) => p.text.length > 0);
}

interface Row {
  entity: SearchEntity;
  entity_id: string;
  trainee_id: string;
  title: string;
  best: string;
  private_hit: string;
  trainee_name: string;
  archived_at: string | null;
  meeting_id: string | null;
  held_on: string | null;
}

function link(r: Row): string {
  switch (r.entity) {
    case 'trainee':
      return `/trainees/${r.trainee_id}`;
    case 'meeting':
      return `/trainees/${r.trainee_id}/meetings/${r.entity_id}`;
    case 'action':
      return `/trainees/${r.trainee_id}/meetings/${r.meeting_id ?? ''}`;
    case 'goal':
      return `/trainees/${r.trainee_id}/plan/${r.entity_id}`;
  }
}

export type SearchService = ReturnType<typeof createSearchService>;

/** Full-text search over trainees, 1:1 summaries and notes, goals and actions (SQLite FTS5). */
export function createSearchService(db: Kysely<DB>) {
  return {
    async query(text: string, limit: number): Promise<SearchResponse> {
      const match = ftsQuery(text);
      if (!match) return { query: text, results: [], more: false };
      // bm25 weights: a hit in a title counts most, then shared text, then private notes.
      // Ranking needs every match's score, but the index alone gives it: the page is chosen first
      // (ties in FTS5's match order, rowid, as the old single query kept them), then snippets and
      // joins are made for the page's rows only. The outer MATCH walks the matches once more and
      // keeps those in the page (CROSS JOIN keeps it outermost; a MATCH per kept row re-reads
      // every prefix term's doclist each time). Ranking without the trainees join picks the same
      // page because no document outlives its trainee (a trainee's delete trigger removes them).
      const { rows } = await sql<Row>`
        WITH page AS MATERIALIZED (
          SELECT rowid AS doc, bm25(search_fts, 10.0, 3.0, 1.0) AS score
          FROM search_fts
          WHERE search_fts MATCH ${match}
          ORDER BY score, rowid
          LIMIT ${limit + 1}
        )
        SELECT d.entity, d.entity_id, d.trainee_id, d.title,
               snippet(search_fts, -1, ${HIT_START}, ${HIT_END}, '…', 14) AS best,
               snippet(search_fts, 2, ${HIT_START}, ${HIT_END}, '', 1) AS private_hit,
               coalesce(nullif(t.preferred_name, ''), t.given_name) || ' ' || t.family_name AS trainee_name,
               t.archived_at,
               CASE d.entity WHEN 'meeting' THEN d.entity_id WHEN 'action' THEN (SELECT meeting_id FROM meeting_actions WHERE id = d.entity_id) END AS meeting_id,
               CASE d.entity WHEN 'meeting' THEN (SELECT held_on FROM meetings WHERE id = d.entity_id) WHEN 'action' THEN (SELECT m.held_on FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id WHERE a.id = d.entity_id) END AS held_on
        FROM search_fts
        CROSS JOIN page ON page.doc = search_fts.rowid
        CROSS JOIN search_docs d ON d.rowid = page.doc
        JOIN trainees t ON t.id = d.trainee_id
        WHERE search_fts MATCH ${match}
        ORDER BY page.score, page.doc`.execute(db);
      const results: SearchResult[] = rows.slice(0, limit).map((r) => {
        const when = r.held_on ? ` · ${r.held_on.split('-').reverse().join('/')}` : '';
        const title =
          r.entity === 'trainee'
            ? `${r.title}${r.archived_at ? ' (archived)' : ''}`
            : r.entity === 'meeting'
              ? `1:1${when}: ${r.title}`
              : r.entity === 'action'
                ? `Action${when}: ${r.title}`
                : `PLP goal: ${r.title}`;
        return {
          entity: r.entity,
          entityId: r.entity_id,
          traineeId: r.trainee_id,
          traineeName: r.trainee_name,
          title,
          snippet: snippetParts(r.best),
          inPrivateNotes: r.private_hit.includes(HIT_START),
          link: link(r),
        };
      });
      return { query: text, results, more: rows.length > limit };
    },
  };
}
