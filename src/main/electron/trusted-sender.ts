/** The app's own origin under Electron. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tpd';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface SenderFrame {
  url: string;
  /** True when the frame is the window's top-level frame. */
  isMainFrame: boolean;
}

/** Only the app's own top-level page may call handlers: not an iframe, not any other origin. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (!frame || !frame.isMainFrame) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}
