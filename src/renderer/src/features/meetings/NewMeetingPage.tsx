import { useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { displayName } from '../../../../shared/trainees/trainee-schema';
import { useTrainees } from '../trainees';

/** "New 1:1" from anywhere (Ctrl+N): choose the trainee, then the form opens on their page. */
export function NewMeetingPage() {
  const trainees = useTrainees(false);
  const [, navigate] = useLocation();
  const [text, setText] = useState('');
  const matches = useMemo(() => {
    const q = text.trim().toLowerCase();
    const all = trainees.data ?? [];
    const found = q
      ? all.filter((t) => `${displayName(t)} ${t.givenName} ${t.familyName} ${t.gmcNumber}`.toLowerCase().includes(q))
      : all;
    return found.slice(0, 12);
  }, [trainees.data, text]);
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href="/">Today</Link> › New 1:1
      </p>
      <h1>New 1:1</h1>
      <section className="card stack" aria-labelledby="choose-heading">
        <h2 id="choose-heading">Who is the 1:1 with?</h2>
        <label htmlFor="trainee-picker" className="field-label">
          Trainee
        </label>
        <input
          id="trainee-picker"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Name or GMC number"
          autoComplete="off"
          autoFocus
          onKeyDown={(e) => {
            if (e.key === 'Enter' && matches[0]) navigate(`/trainees/${matches[0].id}/meetings/new`);
          }}
        />
        {trainees.data && matches.length === 0 ? <p className="muted">No trainee matches “{text}”.</p> : null}
        <ul className="bare-list" aria-label="Matching trainees">
          {matches.map((t) => (
            <li key={t.id}>
              <Link href={`/trainees/${t.id}/meetings/new`} className="table-link">
                {displayName(t)}
              </Link>{' '}
              <span className="muted">
                · {t.grade} · {t.programme}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
