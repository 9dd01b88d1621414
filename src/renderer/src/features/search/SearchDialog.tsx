import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useLocation } from 'wouter';
import type { SearchResult } from '../../../../shared/search/search-types';
import { ApiError } from '../../api';
import { useCommandListener } from '../../lib/command-events';
import { Dialog } from '../../components/Dialog';
import { usePresenting } from '../../lib/presenting';
import { SEARCH_PAGE, SEARCH_PAGE_PRESENTING, useSearch } from './queries';

const ENTITY_LABELS: Record<SearchResult['entity'], string> = {
  trainee: 'Trainee',
  meeting: '1:1',
  action: 'Action',
  goal: 'PLP goal',
};

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/** The trainee whose page is open (`/trainees/:id/…`), if any. */
function openTraineeId(location: string): string | null {
  const match = /^\/trainees\/([^/]+)/.exec(location);
  return match && match[1] !== 'new' && match[1] !== 'import' ? match[1]! : null;
}

/**
 * Search everything (Ctrl+K from anywhere): trainees, 1:1 summaries and notes, goals and actions,
 * with the matched words highlighted. Results open the item.
 */
export function SearchDialog() {
  const [location, navigate] = useLocation();
  const { presenting } = usePresenting();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 150);
  const results = useSearch(query, open, presenting ? SEARCH_PAGE_PRESENTING : SEARCH_PAGE);
  const listRef = useRef<HTMLUListElement>(null);
  useCommandListener(
    'find',
    useCallback(() => setOpen(true), []),
  );

  const go = (result: SearchResult) => {
    setOpen(false);
    navigate(result.link);
  };
  const moveFocus = (event: KeyboardEvent, from: number | null) => {
    const links = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.search-result') ?? [])];
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      links[from === null ? 0 : Math.min(from + 1, links.length - 1)]?.focus();
    } else if (event.key === 'ArrowUp' && from !== null) {
      event.preventDefault();
      if (from === 0) document.getElementById('search-input')?.focus();
      else links[from - 1]?.focus();
    }
  };

  const data = query ? results.data : undefined;
  // While presenting, only the open trainee's records, and nothing found in private notes.
  const presented = openTraineeId(location);
  const shown = presenting
    ? (data?.results ?? []).filter((r) => r.traineeId === presented && !r.inPrivateNotes)
    : (data?.results ?? []);
  const more = Boolean(data?.more) && !presenting;
  return (
    <>
      <button
        type="button"
        className="button search-trigger"
        onClick={() => setOpen(true)}
        aria-keyshortcuts="Control+K"
      >
        Search <kbd>Ctrl+K</kbd>
      </button>
      <Dialog open={open} onOpenChange={setOpen} title="Search" wide>
        <div className="stack">
          <label htmlFor="search-input" className="field-label">
            Search trainees, 1:1s, goals and actions
          </label>
          <input
            id="search-input"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => moveFocus(e, null)}
            autoComplete="off"
            autoFocus
            maxLength={200}
            placeholder="e.g. telephone consultations"
          />
          <p role="status" className="muted">
            {!query
              ? presenting
                ? 'While presenting, search shows only the trainee whose page is open, and nothing from private notes.'
                : 'Type to search. Private notes are searched too, and marked when they match.'
              : results.isError
                ? results.error instanceof ApiError
                  ? results.error.message
                  : 'Search failed.'
                : data
                  ? `${shown.length}${more ? '+' : ''} result${shown.length === 1 ? '' : 's'}`
                  : 'Searching…'}
          </p>
          {shown.length ? (
            <ul ref={listRef} className="search-results" aria-label="Search results">
              {shown.map((r, i) => (
                <li key={`${r.entity}:${r.entityId}`}>
                  <button
                    type="button"
                    className="search-result"
                    onClick={() => go(r)}
                    onKeyDown={(e) => moveFocus(e, i)}
                  >
                    <span className="search-result-head">
                      <span className="badge">{ENTITY_LABELS[r.entity]}</span> <strong>{r.title}</strong>
                      {r.entity !== 'trainee' ? <span className="muted"> · {r.traineeName}</span> : null}
                      {r.inPrivateNotes ? <span className="badge badge-private">Private note</span> : null}
                    </span>
                    <span className="search-snippet">
                      {r.snippet.map((part, j) =>
                        part.hit ? <mark key={j}>{part.text}</mark> : <span key={j}>{part.text}</span>,
                      )}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </Dialog>
    </>
  );
}
