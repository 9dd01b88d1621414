import { QueryClientProvider, useIsFetching, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useState, type ComponentType } from 'react';
import { Link, Route, Router, Switch, useLocation, useRoute } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { ApiError, ClientContext, useApi, type Client } from '../api';
import { ToastProvider } from '../components/Toasts';
import { BackupOverdueBanner, FirstStartPage, UnlockPage, useBackupStatus } from '../features/backups';
import { SearchDialog } from '../features/search';
import { TodayPage } from '../features/today';
import { prefetchRegisterFirstScreen } from '../features/trainees';
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

function Shell() {
  const [, navigate] = useLocation();
  useAppCommands(navigate);
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
        <SearchDialog />
      </header>
      <main id="main" tabIndex={-1} className="main">
        <Suspense fallback={<p role="status">Loading…</p>}>
          <Switch>
            <Route path="/">
              {() => (
                <>
                  <BackupOverdueBanner />
                  <TodayPage />
                </>
              )}
            </Route>
            <Route path="/trainees">{() => <TraineesPage />}</Route>
            <Route path="/trainees/new">{() => <TraineesPage dialog="new" />}</Route>
            <Route path="/trainees/import">{() => <TraineesPage dialog="import" />}</Route>
            <Route path="/trainees/:id/edit">{(params) => <TraineeRoute id={params.id} editing />}</Route>
            <Route path="/trainees/:id">{(params) => <TraineeRoute id={params.id} />}</Route>
            <Route path="/trainees/:id/:tab">{(params) => <TraineeRoute id={params.id} tab={params.tab} />}</Route>
            <Route path="/trainees/:id/:tab/:item">
              {(params) => <TraineeRoute id={params.id} tab={params.tab} />}
            </Route>
            <Route path="/meetings/new">{() => <NewMeetingPage />}</Route>
            <Route path="/resits">{() => <ResitMonitorPage />}</Route>
            <Route path="/resits/import">{() => <ResitMonitorPage dialog="import" />}</Route>
            <Route path="/arcp">{() => <ArcpPage />}</Route>
            <Route path="/arcp/:panelId">{(params) => <ArcpPage panelId={params.panelId} />}</Route>
            <Route path="/what-works">{() => <InsightsPage />}</Route>
            <Route path="/settings" component={SettingsPage} />
            <Route>
              <h1>Page not found</h1>
              <Link href="/">Go to Today</Link>
            </Route>
          </Switch>
        </Suspense>
      </main>
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
  return firstStart ? (
    <FirstStartPage resumed={firstStart === 'resumed'} onDone={() => setFirstStart(false)} />
  ) : (
    <Shell />
  );
}

/**
 * The app root. `client` must be connected to `queryClient` (see `connectClient`), so that every
 * write refreshes the queries it made stale.
 */
export function App({ client, queryClient }: { client: Client; queryClient: QueryClient }) {
  return (
    <ClientContext.Provider value={client}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <Router hook={useHashLocation}>
            <FirstStartGate />
          </Router>
        </ToastProvider>
      </QueryClientProvider>
    </ClientContext.Provider>
  );
}
