import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/**
 * "Presenting": the user shares their screen with one trainee (a Teams call, a projector), so the
 * window hides what that trainee must not see: private notes and wellbeing checks, other trainees'
 * names, and Today. It is a state of this window only; main keeps sending what it always does (see
 * the README's design notes for why), and each place that shows such things asks `usePresenting`.
 */
interface PresentingState {
  presenting: boolean;
  setPresenting(on: boolean): void;
  toggle(): void;
}

const PresentingContext = createContext<PresentingState>({
  presenting: false,
  setPresenting: () => undefined,
  toggle: () => undefined,
});

export function PresentingProvider({ children, initial = false }: { children: ReactNode; initial?: boolean }) {
  const [presenting, setPresenting] = useState(initial);
  const toggle = useCallback(() => setPresenting((on) => !on), []);
  const value = useMemo(() => ({ presenting, setPresenting, toggle }), [presenting, toggle]);
  return <PresentingContext.Provider value={value}>{children}</PresentingContext.Provider>;
}

export function usePresenting(): PresentingState {
  return useContext(PresentingContext);
}

export const HIDDEN_WHILE_PRESENTING = 'Hidden while presenting';

/** In place of a page that lists other trainees (Today, the register, panels, the re-sit monitor…). */
export function HiddenWhilePresentingPage() {
  const { setPresenting } = usePresenting();
  return (
    <div className="page">
      <section className="card stack hidden-while-presenting" aria-labelledby="hidden-heading">
        <h1 id="hidden-heading">{HIDDEN_WHILE_PRESENTING}</h1>
        <p>This page shows other trainees, so it stays hidden while you share your screen.</p>
        <div className="button-row">
          <button type="button" className="button button-primary" onClick={() => window.history.back()}>
            Go back
          </button>
          <button type="button" className="button" onClick={() => setPresenting(false)}>
            Stop presenting
          </button>
        </div>
      </section>
    </div>
  );
}

/** In place of a private note, a wellbeing check or a private-note field while presenting. */
export function HiddenNote({ what = 'Private note' }: { what?: string }) {
  return (
    <p className="hidden-note">
      {what}: {HIDDEN_WHILE_PRESENTING.toLowerCase()}
    </p>
  );
}
