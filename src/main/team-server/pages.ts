/**
 * The few pages the team server shows itself, before the app: sign in, refused, signed out, and
 * the hop back into the app after signing in. Plain HTML with a stylesheet of its own, under a
 * CSP that allows nothing else.
 */
export const PAGE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const PAGE_STYLESHEET_PATH = '/auth/pages.css';

export const PAGE_STYLESHEET = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
main { max-width: 32rem; padding: 2rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
p { line-height: 1.5; }
.button { display: inline-block; padding: 0.6rem 1.2rem; border-radius: 6px; background: #005eb8; color: #fff;
  text-decoration: none; font-weight: 600; }
.button:focus-visible { outline: 3px solid #ffb81c; outline-offset: 2px; }
.quiet { color: GrayText; font-size: 0.9rem; }
`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — TPD Companion</title>
<link rel="stylesheet" href="${PAGE_STYLESHEET_PATH}">
${head}
</head>
<body><main>
${body}
</main></body>
</html>`;
}

export function signInPage(providerName: string): string {
  return page(
    'Sign in',
    `<h1>TPD Companion</h1>
<p>This is your team’s TPD Companion server. Sign in to see the trainees you work with.</p>
<p><a class="button" href="/auth/login">Sign in with ${escapeHtml(providerName)}</a></p>`,
  );
}

export function notAddedPage(who: string): string {
  return page(
    'No account on this server',
    `<h1>Ask your administrator to add you</h1>
<p>You signed in as <strong>${escapeHtml(who)}</strong>, but this TPD Companion server has no account for you yet.</p>
<p>Ask your administrator to add you with that email address, then sign in again.</p>
<p><a class="button" href="/auth/sign-in">Sign in again</a></p>`,
  );
}

export function signInFailedPage(message: string): string {
  return page(
    'Sign-in did not complete',
    `<h1>Sign-in did not complete</h1>
<p>${escapeHtml(message)}</p>
<p><a class="button" href="/auth/login">Start again</a></p>`,
  );
}

export function signedOutPage(): string {
  return page(
    'Signed out',
    `<h1>Signed out</h1>
<p>You are signed out of TPD Companion on this browser.</p>
<p><a class="button" href="/auth/login">Sign in again</a></p>`,
  );
}

/**
 * After the provider redirects back: the session cookie is SameSite=Strict, so a redirect that
 * continues the provider's cross-site navigation would arrive without it. A page on this origin
 * that moves on by itself makes the next request same-site.
 */
export function continuePage(): string {
  return page(
    'Signed in',
    `<h1>Signed in</h1><p><a class="button" href="/">Continue to TPD Companion</a></p>`,
    '<meta http-equiv="refresh" content="0;url=/">',
  );
}

export function desktopDonePage(): string {
  return page('Signed in', `<h1>Signed in</h1><p>You can close this tab and go back to TPD Companion.</p>`);
}
