/**
 * The Electron glue, with the fake `electron` module the node project aliases in
 * (test/support/fake-electron.ts): sender checks, the database key, window state, the native
 * binding path, IPC registration, the app:// protocol and the preload bridge.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Backend } from '../../src/main/backend';
import { EventBus } from '../../src/main/event-bus';
import { serveRenderer } from '../../src/main/electron/app-protocol';
import {
  DatabaseKeyError,
  KEY_FILE,
  loadDatabaseKey,
  type SafeStorageLike,
} from '../../src/main/electron/database-key';
import { guardNavigation, isAllowedExternalUrl } from '../../src/main/electron/external-links';
import { registerIpc } from '../../src/main/electron/ipc';
import {
  ELECTRON_NATIVE_DIR,
  ELECTRON_NATIVE_FILE,
  electronNativeBinding,
} from '../../src/main/electron/native-binding';
import { APP_ORIGIN, isTrustedSender } from '../../src/main/electron/trusted-sender';
import { DEFAULT_WINDOW_STATE, readWindowState, writeWindowState } from '../../src/main/electron/window-state';
import { CONTENT_SECURITY_POLICY } from '../../src/main/static-files';
import { APP_EVENT_NAMES, CHANNEL_NAMES, splitChannel } from '../../src/shared/contract';
import { meetingSummaryMailto } from '../../src/shared/meetings/meeting-email';
import type { Bridge } from '../../src/shared/contract/bridge';
// The same module the code under test gets for `electron` (vitest.config.ts aliases it), with its test hooks typed.
import { contextBridge, handled, ipcRenderer, protocol } from '../support/fake-electron';

const temps: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpd-glue-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('isTrustedSender', () => {
  it('accepts only the app’s own top-level page', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: 'app://tpd/', isMainFrame: true })).toBe(true);
  });

  it.each([
    ['an iframe of the app', { url: 'app://tpd/index.html', isMainFrame: false }],
    ['the browser host’s origin', { url: 'http://127.0.0.1:5173/', isMainFrame: true }],
    ['a file:// page', { url: 'file:///tmp/index.html', isMainFrame: true }],
    ['another app:// host', { url: 'app://evil/index.html', isMainFrame: true }],
    ['a look-alike host', { url: 'app://tpd.evil/index.html', isMainFrame: true }],
    ['a garbage URL', { url: 'not a url', isMainFrame: true }],
    ['an empty URL', { url: '', isMainFrame: true }],
  ])('refuses %s', (_label, frame) => {
    expect(isTrustedSender(frame)).toBe(false);
  });

  it('refuses a missing frame', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

/** Stands in for Electron's safeStorage: a reversible scramble, so the file never holds the plain text. */
function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}) {
  const PREFIX = 'FAKE-OS-ENCRYPTED:';
  return {
    isEncryptionAvailable: vi.fn(() => options.available ?? true),
    getSelectedStorageBackend: vi.fn(() => options.backend ?? 'gnome_libsecret'),
    encryptString: vi.fn((plain: string) =>
      Buffer.from(PREFIX + Buffer.from(plain).toString('base64').split('').reverse().join('')),
    ),
    decryptString: vi.fn((blob: Buffer) => {
      const text = blob.toString('utf8');
      if (!text.startsWith(PREFIX))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(text.slice(PREFIX.length).split('').reverse().join(''), 'base64').toString('utf8');
    }),
  } satisfies SafeStorageLike;
}

function keyOptions(
  safeStorage: SafeStorageLike,
  userDataDir: string,
  extra: { platform?: NodeJS.Platform; allowPlainTextBackend?: boolean } = {},
) {
  return {
    safeStorage,
    userDataDir,
    databaseFile: path.join(userDataDir, 'tpd-companion.db'),
    platform: 'linux' as NodeJS.Platform,
    ...extra,
  };
}

function keyError(fn: () => unknown): DatabaseKeyError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseKeyError);
    return error as DatabaseKeyError;
  }
  throw new Error('expected a DatabaseKeyError');
}

describe('loadDatabaseKey', () => {
  it('makes a 32-byte key once and keeps only the OS-encrypted blob, mode 600', () => {
    const dir = path.join(tempDir(), 'userData'); // not there yet: created on first use
    const safeStorage = fakeSafeStorage();
    const key = loadDatabaseKey(keyOptions(safeStorage, dir));
    expect(key).toBeInstanceOf(Buffer);
    expect(key.length).toBe(32);

    const file = path.join(dir, KEY_FILE);
    const stored = fs.readFileSync(file);
    const hex = key.toString('hex');
    expect(stored.toString('utf8')).not.toContain(hex);
    expect(stored.toString('latin1')).not.toContain(hex);
    expect(stored.includes(key)).toBe(false);
    expect(safeStorage.encryptString).toHaveBeenCalledTimes(1);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const again = loadDatabaseKey(keyOptions(safeStorage, dir));
    expect(again.equals(key)).toBe(true);
    expect(safeStorage.encryptString).toHaveBeenCalledTimes(1);
  });

  it('gives different keys to different installs', () => {
    const a = loadDatabaseKey(keyOptions(fakeSafeStorage(), tempDir()));
    const b = loadDatabaseKey(keyOptions(fakeSafeStorage(), tempDir()));
    expect(a.equals(b)).toBe(false);
  });

  it('refuses when the OS offers no encryption, and writes nothing', () => {
    const dir = tempDir();
    const error = keyError(() => loadDatabaseKey(keyOptions(fakeSafeStorage({ available: false }), dir)));
    expect(error.reason).toBe('unavailable');
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
  });

  it('refuses Linux’s plain-text backend unless the user opts in', () => {
    const dir = tempDir();
    const weak = fakeSafeStorage({ backend: 'basic_text' });
    const error = keyError(() => loadDatabaseKey(keyOptions(weak, dir)));
    expect(error.reason).toBe('weak_backend');
    expect(error.message).toMatch(/--allow-plaintext-key/);
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);

    expect(loadDatabaseKey(keyOptions(weak, dir, { allowPlainTextBackend: true })).length).toBe(32);
  });

  it('does not apply the Linux backend rule on other platforms', () => {
    const key = loadDatabaseKey(
      keyOptions(fakeSafeStorage({ backend: 'basic_text' }), tempDir(), { platform: 'darwin' }),
    );
    expect(key.length).toBe(32);
  });

  it('will not make a new key for a database that already exists', () => {
    const dir = tempDir();
    const options = keyOptions(fakeSafeStorage(), dir);
    fs.writeFileSync(options.databaseFile, Buffer.alloc(4096, 1));
    const error = keyError(() => loadDatabaseKey(options));
    expect(error.reason).toBe('missing');
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
  });

  it('treats an empty database file as new', () => {
    const dir = tempDir();
    const options = keyOptions(fakeSafeStorage(), dir);
    fs.writeFileSync(options.databaseFile, '');
    expect(loadDatabaseKey(options).length).toBe(32);
  });

  it('reports a blob this computer cannot decrypt as unreadable, and leaves it alone', () => {
    const dir = tempDir();
    const file = path.join(dir, KEY_FILE);
    fs.writeFileSync(file, Buffer.from('encrypted on another computer'));
    const error = keyError(() => loadDatabaseKey(keyOptions(fakeSafeStorage(), dir)));
    expect(error.reason).toBe('unreadable');
    expect(fs.readFileSync(file, 'utf8')).toBe('encrypted on another computer');
  });

  it('reports a key of the wrong length as unreadable', () => {
    const dir = tempDir();
    const safeStorage = fakeSafeStorage();
    fs.writeFileSync(path.join(dir, KEY_FILE), safeStorage.encryptString('abcd'));
    expect(keyError(() => loadDatabaseKey(keyOptions(safeStorage, dir))).reason).toBe('unreadable');
  });
});

describe('window state', () => {
  it('gives the defaults when there is no file', () => {
    expect(readWindowState(tempDir())).toEqual(DEFAULT_WINDOW_STATE);
  });

  it.each([
    ['corrupt JSON', '{"width": 1000,'],
    ['the wrong shape', '["width", 1000]'],
    ['a window too small to use', JSON.stringify({ width: 10, height: 10 })],
    ['non-integer sizes', JSON.stringify({ width: 'wide', height: 900 })],
  ])('gives the defaults for %s', (_label, text) => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'window-state.json'), text);
    expect(readWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('round-trips what it wrote, in a private file', () => {
    const dir = tempDir();
    const state = { width: 1440, height: 900, x: -20, y: 40, maximised: true };
    writeWindowState(dir, state);
    expect(readWindowState(dir)).toEqual(state);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, 'window-state.json')).mode & 0o777).toBe(0o600);
  });

  it('fills in maximised when an older file lacks it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'window-state.json'), JSON.stringify({ width: 1000, height: 700 }));
    expect(readWindowState(dir)).toEqual({ width: 1000, height: 700, maximised: false });
  });
});

describe('electronNativeBinding', () => {
  it('points a source checkout at build/native-electron/better_sqlite3.node', () => {
    const appPath = path.resolve('/projects/tpd');
    expect(ELECTRON_NATIVE_DIR).toBe(path.join('build', 'native-electron'));
    expect(ELECTRON_NATIVE_FILE).toBe('better_sqlite3.node');
    expect(electronNativeBinding(appPath, false)).toBe(
      path.join(appPath, 'build', 'native-electron', 'better_sqlite3.node'),
    );
  });

  it('leaves a packaged app to the addon electron-builder rebuilt', () => {
    expect(electronNativeBinding('/Applications/TPD Companion.app/Contents/Resources/app.asar', true)).toBeUndefined();
  });
});

describe('registerIpc', () => {
  type Frame = { url: string; parent: unknown } | null;
  const trusted: Frame = { url: 'app://tpd/index.html', parent: null };
  const invoke = (channel: string, frame: Frame, input?: unknown) => {
    const handler = handled.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: frame }, input) as Promise<unknown>;
  };

  let backend: Backend;
  let dispatch: ReturnType<typeof vi.fn>;
  let send: ReturnType<typeof vi.fn>;
  let window: { isDestroyed: () => boolean; webContents: { send: typeof send } } | null;
  let dispose: () => void;

  beforeEach(() => {
    dispatch = vi.fn(async (channel: string, input: unknown) => ({ ok: true, data: { channel, input } }));
    backend = { dispatch, events: new EventBus() } as unknown as Backend;
    send = vi.fn();
    window = { isDestroyed: () => false, webContents: { send } };
    dispose = registerIpc(backend, () => window as never);
  });
  afterEach(() => dispose());

  it('handles every contract channel and nothing else', () => {
    expect([...handled.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('dispatches a call from the app’s own window', async () => {
    await expect(invoke('trainees:list', trusted, { includeArchived: true })).resolves.toEqual({
      ok: true,
      data: { channel: 'trainees:list', input: { includeArchived: true } },
    });
    expect(dispatch).toHaveBeenCalledWith('trainees:list', { includeArchived: true });
  });

  it.each([
    ['an iframe', { url: 'app://tpd/index.html', parent: { url: 'app://tpd/index.html' } }],
    ['another origin', { url: 'http://127.0.0.1:3000/', parent: null }],
    ['a file:// page', { url: 'file:///index.html', parent: null }],
    ['a frame that has gone', null],
  ])('refuses a call from %s without reaching the backend', async (_label, frame) => {
    const result = (await invoke('trainees:list', frame as Frame, {})) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('forwards backend events to the window', () => {
    backend.events.emit('progress', { jobId: 'j1', phase: 'Checking rows', done: 5, total: 10 });
    backend.events.emit('menu-command', 'find');
    expect(send.mock.calls).toEqual([
      ['event:progress', { jobId: 'j1', phase: 'Checking rows', done: 5, total: 10 }],
      ['event:menu-command', 'find'],
    ]);
  });

  it('drops events while there is no window, or it has been destroyed', () => {
    const live = window;
    window = null;
    backend.events.emit('menu-command', 'find');
    window = { isDestroyed: () => true, webContents: { send } };
    backend.events.emit('menu-command', 'find');
    window = live;
    expect(send).not.toHaveBeenCalled();
  });

  it('undoes everything it registered', () => {
    dispose();
    expect(handled.size).toBe(0);
    backend.events.emit('menu-command', 'find');
    expect(send).not.toHaveBeenCalled();
    dispose = registerIpc(backend, () => window as never); // registering again works
    expect(handled.size).toBe(CHANNEL_NAMES.length);
  });
});

describe('serveRenderer (app://)', () => {
  let root: string;
  let handler: (request: Request) => Response | Promise<Response>;

  beforeEach(() => {
    root = tempDir();
    const rendererDir = path.join(root, 'renderer');
    fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>TPD Companion</title>');
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'outside the renderer');
    serveRenderer(rendererDir);
    handler = protocol.handlers.get('app')!;
  });

  it('serves index.html with the content security policy', async () => {
    for (const url of ['app://tpd/', 'app://tpd/index.html']) {
      const response = await handler(new Request(url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<title>TPD Companion</title>');
    }
  });

  it('serves assets with their type', async () => {
    const response = await handler(new Request('app://tpd/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it.each([
    'app://tpd/..%2fsecret.txt',
    'app://tpd/%2e%2e/secret.txt',
    'app://tpd/assets/..%2f..%2fsecret.txt',
    'app://tpd/..%5csecret.txt',
    'app://tpd/%00index.html',
    'app://tpd/%E0%A4%A',
  ])('answers 404 for %s', async (url) => {
    const response = await handler(new Request(url));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside the renderer');
  });

  it('answers 404 for a missing file or a folder', async () => {
    expect((await handler(new Request('app://tpd/missing.js'))).status).toBe(404);
    expect((await handler(new Request('app://tpd/assets'))).status).toBe(404);
  });
});

describe('preload bridge', () => {
  let tpd: Bridge & Record<string, unknown>;

  beforeAll(async () => {
    await import('../../src/preload/index');
    tpd = contextBridge.exposed.tpd as Bridge & Record<string, unknown>;
  });
  beforeEach(() => {
    ipcRenderer.invocations.length = 0;
  });

  it('exposes `tpd`: one function per channel grouped by feature, plus `on`, and nothing else', () => {
    expect(Object.keys(contextBridge.exposed)).toEqual(['tpd']);
    const features = [...new Set(CHANNEL_NAMES.map((c) => splitChannel(c)[0]))];
    expect(Object.keys(tpd).sort()).toEqual([...features, 'on'].sort());
    for (const channel of CHANNEL_NAMES) {
      const [feature, verb] = splitChannel(channel);
      expect(typeof (tpd[feature] as Record<string, unknown>)[verb], channel).toBe('function');
    }
    const exposedFunctions = features.flatMap((f) => Object.keys(tpd[f] as object));
    expect(exposedFunctions).toHaveLength(CHANNEL_NAMES.length);
    for (const name of ['send', 'sendSync', 'invoke', 'ipcRenderer']) expect(tpd).not.toHaveProperty(name);
  });

  it('invokes the channel with the input as given', async () => {
    const result = await tpd.trainees.list({ includeArchived: false });
    expect(ipcRenderer.invocations).toEqual([{ channel: 'trainees:list', input: { includeArchived: false } }]);
    expect(result).toEqual({ ok: true, data: { channel: 'trainees:list', input: { includeArchived: false } } });

    await tpd.traineeImport.preview({ jobId: 'j', fileName: 'a.csv', contentBase64: '' });
    await tpd.app.info({});
    expect(ipcRenderer.invocations.map((i) => i.channel)).toEqual([
      'trainees:list',
      'traineeImport:preview',
      'app:info',
    ]);
  });

  it('on() passes the payload (not the IPC event) and returns an unsubscribe', () => {
    const listener = vi.fn();
    const off = tpd.on('progress', listener);
    const registered = ipcRenderer.listeners.get('event:progress');
    expect(registered?.size).toBe(1);
    const payload = { jobId: 'j', phase: 'Saving trainees', done: 1, total: 2 };
    for (const forward of registered!) forward({ sender: 'ipc event' }, payload);
    expect(listener).toHaveBeenCalledWith(payload);
    expect(listener.mock.calls[0]).toHaveLength(1);

    off();
    expect(ipcRenderer.listeners.get('event:progress')?.size).toBe(0);
  });

  it('keeps separate subscriptions apart', () => {
    const a = vi.fn();
    const b = vi.fn();
    const offA = tpd.on('menu-command', a);
    const offB = tpd.on('menu-command', b);
    offA();
    for (const forward of ipcRenderer.listeners.get('event:menu-command')!) forward({}, 'find');
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledWith('find');
    offB();
  });

  it('accepts every declared event and refuses any other', () => {
    for (const name of APP_EVENT_NAMES) tpd.on(name, () => undefined)();
    expect(() => tpd.on('secrets' as never, () => undefined)).toThrow(/Unknown event/);
    expect(() => tpd.on('event:progress' as never, () => undefined)).toThrow(/Unknown event/);
  });
});

describe('guardNavigation', () => {
  function fakeWindow() {
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
    let navigate: ((event: { preventDefault(): void }, url: string) => void) | undefined;
    const contents = {
      setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
      on: (_event: 'will-navigate', listener: typeof navigate) => (navigate = listener),
    };
    const shell = { openExternal: vi.fn(async () => undefined) };
    guardNavigation(contents, shell, APP_ORIGIN);
    const navigateTo = (url: string) => {
      const event = { preventDefault: vi.fn() };
      navigate!(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    return { shell, open: (url: string) => openHandler!({ url }), navigateTo };
  }

  it('sends a mailto link to the mail client instead of navigating the window', () => {
    const { shell, navigateTo } = fakeWindow();
    const mail = 'mailto:zoe.smith%40nhs.example?subject=Your%201%3A1&body=Summary';
    expect(navigateTo(mail)).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith(mail);
  });

  it('keeps the window on the app and opens nothing else outside', () => {
    const { shell, navigateTo, open } = fakeWindow();
    expect(navigateTo(`${APP_ORIGIN}/index.html#/trainees`)).toBe(false);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'tel:0123']) {
      expect(navigateTo(url)).toBe(true);
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(open('mailto:a%40nhs.example')).toEqual({ action: 'deny' });
    expect(open('https://www.rcgp.org.uk/mrcgp-exams')).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls).toEqual([
      ['mailto:a%40nhs.example'],
      ['https://www.rcgp.org.uk/mrcgp-exams'],
    ]);
    expect(isAllowedExternalUrl(`mailto:a%40nhs.example?body=${'x'.repeat(9000)}`)).toBe(false);
    expect(isAllowedExternalUrl('mailto:a@nhs.example?body=two words')).toBe(false);
  });

  it('keeps the window on the app’s exact origin: a look-alike host is another site', () => {
    const { shell, navigateTo } = fakeWindow();
    expect(navigateTo('app://tpd/index.html#/settings')).toBe(false);
    for (const url of [
      'app://tpd.x/',
      'app://tpd.x/index.html',
      'app://tpdx/',
      'app://tpd@evil/',
      'app://tpd:81/',
      'app:tpd',
    ]) {
      expect({ url, refused: navigateTo(url) }).toEqual({ url, refused: true });
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('sends only the mail drafts the app makes: one address, subject and body, nothing else', () => {
    const { shell, navigateTo } = fakeWindow();
    const made = meetingSummaryMailto({ email: 'zoe.smith@nhs.example', name: 'Zoë' }, {
      heldOn: '2026-03-02',
      meetingTypeLabel: 'Pastoral',
      sharedSummary: 'Talked about the rota & study leave.',
      actions: [{ description: 'Book study leave', owner: 'trainee', dueOn: '2026-03-20', doneOn: null }],
      nextDueOn: null,
    } as never)!;
    expect(isAllowedExternalUrl(made)).toBe(true);
    for (const url of [
      'mailto:a@nhs.example?subject=Hi&attach=/etc/passwd',
      'mailto:a@nhs.example?subject=Hi&attachment=file:///home/x/.ssh/id_rsa',
      'mailto:a@nhs.example?bcc=someone@evil.example',
      'mailto:a@nhs.example?cc=someone@evil.example',
      'mailto:a@nhs.example?subject=One&subject=Two',
      'mailto:a@nhs.example,b@evil.example?subject=Hi',
      'mailto:a@nhs.example%2Cb@evil.example?subject=Hi',
      'mailto:a@nhs.example?subject=Hi#fragment',
      'mailto:a@nhs.example?subject=%E0%A4%A',
      'mailto:?to=someone@evil.example',
    ]) {
      expect({ url, allowed: isAllowedExternalUrl(url) }).toEqual({ url, allowed: false });
      expect(navigateTo(url)).toBe(true);
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('Electron fuses at packaging', () => {
  /** The `electronFuses:` block of electron-builder.yml as name → value. */
  function fuses(): Record<string, string> {
    const yml = fs.readFileSync(path.resolve(__dirname, '../../electron-builder.yml'), 'utf8');
    const block = /^electronFuses:\n((?:[ ]{2}.*\n)+)/m.exec(yml)![1]!;
    return Object.fromEntries(
      block
        .split('\n')
        .filter((line) => /^\s+\w+:/.test(line))
        .map((line) => line.trim().split(/:\s*/) as [string, string]),
    );
  }

  it('turns off every fuse that widens what the packaged app may do, by names electron-builder knows', () => {
    expect(fuses()).toEqual({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
    // A misspelt fuse would be ignored at packaging: each name must be one electron-builder declares.
    const declared = fs.readFileSync(
      path.resolve(__dirname, '../../node_modules/app-builder-lib/out/configuration.d.ts'),
      'utf8',
    );
    for (const name of Object.keys(fuses())) expect(declared).toContain(`    ${name}?: boolean;`);
  });
});
