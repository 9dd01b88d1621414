import { QueryClientProvider, useIsFetching, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  lazy,
  Suspense,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ComponentType,
  type ReactNode,
} from 'react';
import { Link, Route, Router, Switch, useLocation, useRoute } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { ApiError, ClientContext, isTeamServerPage, useApi, useClient, type Client } from '../api';
import { ToastProvider } from '../components/Toasts';
import { BackupOverdueBanner, FirstStartPage, UnlockPage, useBackupStatus } from '../features/backups';
import { LockGate, PinSetupStep, ScrollKeptMain, useActivityReports } from '../features/lock';
import { SearchDialog } from '../features/search';
import { ConnectTeamServer, SignedOutPage, TeamAccount, useTeamStatus } from '../features/team';
import { TodayPage } from '../features/today';
import { prefetchRegisterFirstScreen } from '../features/trainees';
import { HiddenWhilePresentingPage, PresentingProvider, usePresenting } from '../lib/presenting';
import { useAppCommands } from './commands';

/**
 * A page loaded with its own chunk the first time it is shown (or `preload`ed), so the first screen
 * (Today) loads only what it needs. Once loaded it renders directly, without a Suspense round.
 */
function lazyPage<Props extends object>(load: () => Promise<ComponentType<Props>>) {
  let loaded: ComponentType<Props> | undefined;
  let loading: Promise<ComponentType<Props>> | undefined;
  const preload = () => (loading ??= load().then((page) => (loaded = page)));
  const Lazy = lazy(async () => ({ default: await preload() }));
  function Page(props: Props) {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return Object.assign(Page, { preload });
}

// The page modules themselves, not the features' index files: Today imports from those indexes,
// so loading an index lazily would put every page it exports back into the first chunk.
const TraineesPage = lazyPage(async () => (await import('../features/trainees/TraineesPage')).TraineesPage);
const TraineeRoute = lazy(() => import('./TraineeRoute'));
const NewMeetingPage = lazyPage(async () => (await import('../features/meetings/NewMeetingPage')).NewMeetingPage);
const ResitMonitorPage = lazyPage(async () => (await import('../features/exams/ResitMonitorPage')).ResitMonitorPage);
const ArcpPage = lazyPage(async () => (await import('../features/arcp/ArcpPage')).ArcpPage);
const InsightsPage = lazyPage(async () => (await import('../features/insights/InsightsPage')).InsightsPage);
const SettingsPage = lazyPage(async () => (await import('./SettingsPage')).SettingsPage);

function NavLink({ href, children }: { href: string; children: string }) {
  const [exact] = useRoute(href);
  const [nested] = useRoute(`${href}/*`);
  const active = exact || (href !== '/' && nested);
  return (
    <Link
      href={href}
      className={active ? 'nav-link nav-link-active' : 'nav-link'}
      aria-current={active ? 'page' : undefined}
    >
      {children}
    </Link>
  );
}

/** While presenting: a banner that says so, with the way to stop. */
function PresentingBanner() {
  const { presenting, setPresenting } = usePresenting();
  if (!presenting) return null;
  return (
    <div className="presenting-banner" role="status">
      <span>
        <strong>Presenting.</strong> Private notes, other trainees’ names and Today are hidden.
      </span>
      <button type="button" className="button button-small" onClick={() => setPresenting(false)}>
        Stop presenting
      </button>
    </div>
  );
}

function Shell({ account }: { account?: ReactNode }) {
  const [, navigate] = useLocation();
  const { presenting, toggle } = usePresenting();
  useAppCommands(navigate, { togglePresenting: toggle });
  useActivityReports();
  // Pages that list other trainees give way to a placeholder while presenting; a trainee's own page stays.
  const listing = (page: ReactNode) => (presenting ? <HiddenWhilePresentingPage /> : page);
  // The register is where most visits go next: fetch its chunk and its first screen's rows once the
  // first screen's own calls are answered (before then they would compete with them for the host
  // and the main thread). Once: after that a visit fetches what it lacks itself.
  const queryClient = useQueryClient();
  const api = useApi();
  const fetching = useIsFetching();
  const preloaded = useRef(false);
  useEffect(() => {
    if (preloaded.current || fetching !== 0 || queryClient.isFetching() !== 0) return;
    preloaded.current = true;
    void TraineesPage.preload();
    void prefetchRegisterFirstScreen(queryClient, api);
  }, [fetching, queryClient, api]);
  return (
    <div className="shell">
      <a
        href="#main"
        className="skip-link"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to main content
      </a>
      <header className="top-bar">
        <span className="brand">TPD Companion</span>
        <nav aria-label="Main">
          <NavLink href="/">Today</NavLink>
          <NavLink href="/trainees">Trainees</NavLink>
          <NavLink href="/resits">Re-sits</NavLink>
          <NavLink href="/arcp">ARCP</NavLink>
          <NavLink href="/what-works">What works</NavLink>
          <NavLink href="/settings">Settings</NavLink>
        </nav>
        <div className="top-bar-tools">
          <button
            type="button"
            className="button presenting-toggle"
            aria-pressed={presenting}
            onClick={toggle}
            aria-keyshortcuts="Control+Shift+P"
            title="Hide private notes, other trainees’ names and Today while you share your screen (Ctrl+Shift+P)"
          >
            {presenting ? (
              <span className="presenting-dot" aria-hidden="true">
                ●
              </span>
            ) : null}
            Presenting
          </button>
          <SearchDialog />
          {account}
        </div>
      </header>
      <PresentingBanner />
      <ScrollKeptMain id="main" tabIndex={-1} className="main">
        <Suspense fallback={<p role="status">Loading…</p>}>
          <Switch>
            <Route path="/">
              {() =>
                listing(
                  <>
                    <BackupOverdueBanner />
                    <TodayPage />
                  </>,
                )
              }
            </Route>
            <Route path="/trainees">{() => listing(<TraineesPage />)}</Route>
            <Route path="/trainees/new">{() => listing(<TraineesPage dialog="new" />)}</Route>
            <Route path="/trainees/import">{() => listing(<TraineesPage dialog="import" />)}</Route>
            <Route path="/trainees/:id/edit">{(params) => <TraineeRoute id={params.id} editing />}</Route>
            <Route path="/trainees/:id">{(params) => <TraineeRoute id={params.id} />}</Route>
            <Route path="/trainees/:id/:tab">{(params) => <TraineeRoute id={params.id} tab={params.tab} />}</Route>
            <Route path="/trainees/:id/:tab/:item">
              {(params) => <TraineeRoute id={params.id} tab={params.tab} />}
            </Route>
            <Route path="/meetings/new">{() => listing(<NewMeetingPage />)}</Route>
            <Route path="/resits">{() => listing(<ResitMonitorPage />)}</Route>
            <Route path="/resits/import">{() => listing(<ResitMonitorPage dialog="import" />)}</Route>
            <Route path="/arcp">{() => listing(<ArcpPage />)}</Route>
            <Route path="/arcp/:panelId">{(params) => listing(<ArcpPage panelId={params.panelId} />)}</Route>
            {/* Cohort figures with small numbers suppressed: no one is named. */}
            <Route path="/what-works">{() => <InsightsPage />}</Route>
            {/* The export log names trainees. */}
            <Route path="/settings">{() => listing(<SettingsPage />)}</Route>
            <Route>
              <h1>Page not found</h1>
              <Link href="/">Go to Today</Link>
            </Route>
          </Switch>
        </Suspense>
      </ScrollKeptMain>
    </div>
  );
}

/**
 * The first-start step comes before the app while this database has no recovery key whose words were
 * typed back, so a reload or a crash before then comes back to it. The choice is made once per load:
 * making the key changes the status, and the step must stay until its words are checked.
 */
function FirstStartGate() {
  const status = useBackupStatus();
  const [firstStart, setFirstStart] = useState<'new' | 'resumed' | false | null>(null);
  // Once the recovery key is checked: the optional app PIN, then the app.
  const [pinStep, setPinStep] = useState(false);
  if (firstStart === null && status.data)
    setFirstStart(
      status.data.recoveryKeyCreatedAt === null ? 'new' : status.data.recoveryKeyConfirmed ? false : 'resumed',
    );
  if (firstStart === null) {
    // Electron starts locked when its keychain lost the database key: only the recovery key answers.
    if (status.error instanceof ApiError && status.error.code === 'locked') return <UnlockPage />;
    return status.isError ? (
      <p role="alert">The app could not start: {status.error.message}</p>
    ) : (
      <p role="status">Loading…</p>
    );
  }
  if (firstStart)
    return (
      <FirstStartPage
        alternative={<FirstStartTeamChoice />}
        resumed={firstStart === 'resumed'}
        onDone={() => {
          setPinStep(true);
          setFirstStart(false);
        }}
      />
    );
  if (pinStep)
    return (
      <PinSetupStep
        heading="Welcome to TPD Companion"
        done="Your recovery key is noted and checked."
        intro="The app locks after a time without input and when this computer locks or sleeps. A PIN of 6 to 12 digits unlocks it quickly; without one, the lock screen asks for your recovery key."
        onDone={() => setPinStep(false)}
      />
    );
  return <Shell />;
}

/** At first start in the desktop app: work on a team server's records instead. */
function FirstStartTeamChoice() {
  const team = useTeamStatus();
  if (team.data?.mode !== 'personal' || !team.data.canConnect) return null;
  return (
    <section className="card" aria-labelledby="first-start-team-heading">
      <h2 id="first-start-team-heading">Working with a team server?</h2>
      <p>If your scheme runs a TPD Companion team server, connect to it instead of keeping records on this computer.</p>
      <ConnectTeamServer />
    </section>
  );
}

/**
 * Personal or team mode. In team mode the app is the server's (no recovery key or first start of
 * its own); once the session ends, nothing of it stays on screen: only "Signed out — sign in again".
 * A browser that arrives with no session at all goes to the server's sign-in page.
 */
function ModeGate() {
  const client = useClient();
  const signedOut = useSyncExternalStore(client.session.subscribe, client.session.signedOut);
  const status = useTeamStatus();
  const [wasSignedIn, setWasSignedIn] = useState(false);
  if (!wasSignedIn && status.data?.mode === 'team' && status.data.signedIn) setWasSignedIn(true);
  const firstVisit = signedOut && !wasSignedIn && isTeamServerPage(document);
  useEffect(() => {
    if (firstVisit) window.location.replace('/auth/sign-in');
  }, [firstVisit]);
  if (firstVisit) return <p role="status">Opening the sign-in page…</p>;
  if (signedOut) return <SignedOutPage status={status.data} />;
  if (status.isPending) return <p role="status">Loading…</p>;
  const data = status.data;
  if (data?.mode === 'team')
    return data.signedIn ? <Shell account={<TeamAccount status={data} />} /> : <SignedOutPage status={data} />;
  return <FirstStartGate />;
}

/**
 * The app root. `client` must be connected to `queryClient` (see `connectClient`), so that every
 * write refreshes the queries it made stale.
 */
export function App({ client, queryClient }: { client: Client; queryClient: QueryClient }) {
  return (
    <ClientContext.Provider value={client}>
      <QueryClientProvider client={queryClient}>
        {/* Presenting outlives a lock; the lock removes everything below it, toasts and dialogs included. */}
        <PresentingProvider>
          <LockGate>
            <ToastProvider>
              <Router hook={useHashLocation}>
                <ModeGate />
              </Router>
            </ToastProvider>
          </LockGate>
        </PresentingProvider>
      </QueryClientProvider>
    </ClientContext.Provider>
  );
}
