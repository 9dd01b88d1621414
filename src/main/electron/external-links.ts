/**
 * Which links may leave the app, and how: a help page on a known NHS/RCGP/GMC site in the
 * user's browser, or a `mailto:` draft in the user's mail client. Everything else is refused,
 * so a page can never navigate the window away from the app.
 */

const HELP_SITE = /^https:\/\/([a-z0-9-]+\.)*(rcgp\.org\.uk|gmc-uk\.org|nhs\.uk|hee\.nhs\.uk)\//i;
const MAIL_DRAFT_MAX_LENGTH = 8000;
/**
 * The only mailto parameters the app writes (meeting-email.ts). Others are refused: some mail clients
 * take `attach=` (a file from disk), `bcc=` or `cc=` (a hidden or extra recipient) from the link.
 */
const MAIL_PARAMETERS = new Set(['subject', 'body']);
/** One address, as the app writes it: no list, no display name, no spaces. */
const MAIL_ADDRESS = /^[^\s@,;:<>()[\]"]+@[^\s@,;:<>()[\]"]+$/;

function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** A mail draft as the app makes it: `mailto:` one address (or none), then only subject and body, each once. */
export function isAllowedMailDraft(url: string): boolean {
  if (!/^mailto:/i.test(url) || url.length > MAIL_DRAFT_MAX_LENGTH || /[\s#]/.test(url)) return false;
  const [address = '', query, ...more] = url.slice('mailto:'.length).split('?');
  if (more.length > 0) return false;
  const to = decoded(address);
  if (to === null || (to !== '' && !MAIL_ADDRESS.test(to))) return false;
  if (query === undefined) return true;
  const seen = new Set<string>();
  for (const pair of query.split('&')) {
    const name = decoded(pair.split('=', 1)[0]!)?.toLowerCase();
    if (!name || !MAIL_PARAMETERS.has(name) || seen.has(name) || decoded(pair.slice(name.length + 1)) === null)
      return false;
    seen.add(name);
  }
  return true;
}

export function isAllowedExternalUrl(url: string): boolean {
  return HELP_SITE.test(url) || isAllowedMailDraft(url);
}

/** Whether `url` is on the app's own origin: the same scheme and host exactly (`app://tpd.x` is not `app://tpd`). */
export function isAppUrl(url: string, appOrigin: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appOrigin);
    return (
      target.protocol === app.protocol && target.host === app.host && target.username === '' && target.password === ''
    );
  } catch {
    return false;
  }
}

interface NavigationEvent {
  preventDefault(): void;
}

/** The bits of Electron's webContents and shell the guards use (a fake stands in for them in tests). */
export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: NavigationEvent, url: string) => void): void;
}
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

export function guardNavigation(contents: GuardedContents, shell: ExternalOpener, appOrigin: string): void {
  const openOutside = (url: string) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
  };
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  // A plain `<a href="mailto:…">` navigates the window: the draft goes to the mail client instead.
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, appOrigin)) return;
    event.preventDefault();
    if (isAllowedMailDraft(url)) openOutside(url);
  });
}
