/**
 * Which links may leave the app, and how: a help page on a known NHS/RCGP/GMC site in the
 * user's browser, or a `mailto:` draft in the user's mail client. Everything else is refused,
 * so a page can never navigate the window away from the app.
 */

const HELP_SITE = /^https:\/\/([a-z0-9-]+\.)*(rcgp\.org\.uk|gmc-uk\.org|nhs\.uk|hee\.nhs\.uk)\//i;
// A mail draft only: no other scheme, and not absurdly long (mail clients refuse those).
const MAIL_DRAFT = /^mailto:[^\s]*$/i;
const MAIL_DRAFT_MAX_LENGTH = 8000;

export function isAllowedExternalUrl(url: string): boolean {
  if (HELP_SITE.test(url)) return true;
  return MAIL_DRAFT.test(url) && url.length <= MAIL_DRAFT_MAX_LENGTH;
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
    if (url.startsWith(appOrigin)) return;
    event.preventDefault();
    if (MAIL_DRAFT.test(url)) openOutside(url);
  });
}
