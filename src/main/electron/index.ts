import path from 'node:path';
import { app, BrowserWindow, clipboard, dialog, Menu, nativeTheme, safeStorage, session, shell } from 'electron';
import { createBackend, DATABASE_FILE_NAME, type Backend } from '../backend';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { nativeBackupDialogs } from './backup-dialogs';
import { guardNavigation } from './external-links';
import { canUnlockWithRecoveryKey, DatabaseKeyError, loadDatabaseKey, unlockWithRecoveryKey } from './database-key';
import { lockedBackend } from './locked-start';
import { nativeFolderChooser } from './folder-dialog';
import { registerIpc } from './ipc';
import { teamModeBackend } from './team-mode';
import { createDailyNotificationService } from '../services/today/daily-notification';
import { backupBeforeQuit, startDailyBackups } from '../services/backups/backup-schedule';
import { DEFAULT_BACKUP_FOLDER_NAME } from '../../shared/backups/backup-contract';
import { startDailyNotifications } from './daily-notifications';
import { buildMenu } from './menu';
import { lockWithSystem } from './system-lock';
import { electronNativeBinding } from './native-binding';
import { APP_ORIGIN } from './trusted-sender';
import { readWindowState, writeWindowState } from './window-state';
import { logError } from '../log-safe';

// UK date inputs and number formats whatever the OS language.
app.commandLine.appendSwitch('lang', 'en-GB');
registerAppScheme();

let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;

/** Refuses every permission (camera, notifications from the page, …) and every network request. */
function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (_details, callback) => callback({ cancel: true }),
  );
}

function createWindow(): BrowserWindow {
  const userData = app.getPath('userData');
  const state = readWindowState(userData);
  const window = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'TPD Companion',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#14171c' : '#f7f7f5',
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  if (state.maximised) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    writeWindowState(userData, {
      width: bounds.width,
      height: bounds.height,
      x: bounds.x,
      y: bounds.y,
      maximised: window.isMaximized(),
    });
  });
  guardNavigation(window.webContents, shell, APP_ORIGIN);
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

async function showStartupError(error: Error): Promise<void> {
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: 'TPD Companion could not open your data',
    message: 'TPD Companion could not open your data',
    detail: `${error.message}\n\nYour data has not been changed.`,
    buttons: ['Quit', 'Copy error details'],
    defaultId: 0,
  });
  // Only the message is copied: it names no trainee and holds no key.
  if (response === 1) clipboard.writeText(`${error.name}: ${error.message}`);
}

/** The backend on the encrypted database, once its key is known. */
async function openBackend(userData: string, key: Buffer): Promise<Backend> {
  const nativeBinding = electronNativeBinding(app.getAppPath(), app.isPackaged);
  return createBackend({
    dataDir: userData,
    holder: 'desktop app',
    key,
    version: app.getVersion(),
    exportFolders: { choose: nativeFolderChooser(() => mainWindow) },
    backupFolder: path.join(app.getPath('documents'), DEFAULT_BACKUP_FOLDER_NAME),
    backupDialogs: nativeBackupDialogs(() => mainWindow),
    ...(nativeBinding ? { nativeBinding } : {}),
  });
}

const notifications = (opened: Backend) =>
  createDailyNotificationService(
    opened.store.db,
    () => new Date(),
    (day) => opened.today.dueBy(day),
  );

/** Locks the app; the menu's "Lock Now" before first start is done has nothing to unlock with, so it does nothing. */
function lockApp(opened: Backend, reason: 'manual' | 'system'): void {
  try {
    opened.lock.lock(reason);
  } catch (error) {
    console.error('[lock] not locked:', (error as Error).message);
  }
}

/** Everything that runs once the database is open: IPC, the menu, the lock, daily backups and notifications. */
function runWith(opened: Backend): void {
  backend = opened;
  // Personal records unless the person connected to a team server (Settings, or at first start).
  const windowBackend = teamModeBackend(opened, {
    userDataDir: app.getPath('userData'),
    keychain: safeStorage,
    openExternal: (url) => shell.openExternal(url),
    allowPlainTextBackend: process.argv.includes('--allow-plaintext-key'),
  });
  registerIpc(windowBackend, () => mainWindow);
  Menu.setApplicationMenu(
    buildMenu(
      (command) => opened.events.emit('menu-command', command),
      () => mainWindow,
      () => void lockApp(opened, 'manual'),
    ),
  );
  lockWithSystem(() => lockApp(opened, 'system'));
  startDailyBackups(opened.backups);
  startDailyNotifications({
    // Made at each look, on the store of the moment: a restore reopens the database on a new connection.
    source: {
      next: () => notifications(opened).next(),
      markShown: (due) => notifications(opened).markShown(due),
    },
    onClick: () => {
      if (!mainWindow) return;
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
      opened.events.emit('menu-command', 'go-today');
    },
  });
}

/**
 * The keychain copy of the key is missing or unreadable but the recovery key can open the database:
 * the window starts locked and answers only "Unlock with your recovery key". Once unlocked, the key is
 * back in the keychain and the window reloads on the open database. Nothing is deleted.
 */
function startLocked(userData: string): void {
  const stop = registerIpc(
    lockedBackend(async (words) => {
      const nativeBinding = electronNativeBinding(app.getAppPath(), app.isPackaged);
      const key = await unlockWithRecoveryKey({
        safeStorage,
        userDataDir: userData,
        databaseFile: path.join(userData, DATABASE_FILE_NAME),
        recoveryKey: words,
        ...(nativeBinding ? { nativeBinding } : {}),
      });
      const opened = await openBackend(userData, key);
      stop();
      runWith(opened);
      mainWindow?.webContents.reload();
    }),
    () => mainWindow,
  );
  mainWindow = createWindow();
}

async function start(): Promise<void> {
  lockDownSession();
  const userData = app.getPath('userData');
  serveRenderer(path.join(__dirname, '../renderer'));
  let key: Buffer;
  try {
    key = loadDatabaseKey({
      safeStorage,
      userDataDir: userData,
      databaseFile: path.join(userData, DATABASE_FILE_NAME),
      allowPlainTextBackend: process.argv.includes('--allow-plaintext-key'),
    });
  } catch (error) {
    const lost = error instanceof DatabaseKeyError && (error.reason === 'missing' || error.reason === 'unreadable');
    if (lost && canUnlockWithRecoveryKey(userData)) {
      startLocked(userData);
      return;
    }
    await showStartupError(error as Error);
    app.quit();
    return;
  }
  try {
    runWith(await openBackend(userData, key));
  } catch (error) {
    await showStartupError(error as Error);
    app.quit();
    return;
  }
  mainWindow = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.whenReady().then(start, (error: unknown) => logError('[start] failed:', error));
  app.on('activate', () => {
    if (backend && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let quitBackupDone = false;
  app.on('before-quit', (event) => {
    // The day's backup, if none succeeded yet today, before the database closes.
    if (quitBackupDone || !backend) return;
    event.preventDefault();
    quitBackupDone = true;
    void backupBeforeQuit(backend.backups).finally(() => app.quit());
  });
  app.on('will-quit', () => {
    void backend?.close();
  });
}
