import path from 'node:path';
import { app, BrowserWindow, clipboard, dialog, Menu, nativeTheme, safeStorage, session, shell } from 'electron';
import { createBackend, DATABASE_FILE_NAME, type Backend } from '../backend';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { nativeBackupDialogs } from './backup-dialogs';
import { guardNavigation } from './external-links';
import { loadDatabaseKey } from './database-key';
import { nativeFolderChooser } from './folder-dialog';
import { registerIpc } from './ipc';
import { createDailyNotificationService } from '../services/today/daily-notification';
import { backupBeforeQuit, startDailyBackups } from '../services/backups/backup-schedule';
import { DEFAULT_BACKUP_FOLDER_NAME } from '../../shared/backups/backup-contract';
import { startDailyNotifications } from './daily-notifications';
import { buildMenu } from './menu';
import { electronNativeBinding } from './native-binding';
import { APP_ORIGIN } from './trusted-sender';
import { readWindowState, writeWindowState } from './window-state';

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

async function start(): Promise<void> {
  lockDownSession();
  const userData = app.getPath('userData');
  try {
    const key = loadDatabaseKey({
      safeStorage,
      userDataDir: userData,
      databaseFile: path.join(userData, DATABASE_FILE_NAME),
      allowPlainTextBackend: process.argv.includes('--allow-plaintext-key'),
    });
    const nativeBinding = electronNativeBinding(app.getAppPath(), app.isPackaged);
    backend = await createBackend({
      dataDir: userData,
      key,
      version: app.getVersion(),
      exportFolders: { choose: nativeFolderChooser(() => mainWindow) },
      backupFolder: path.join(app.getPath('documents'), DEFAULT_BACKUP_FOLDER_NAME),
      backupDialogs: nativeBackupDialogs(() => mainWindow),
      ...(nativeBinding ? { nativeBinding } : {}),
    });
  } catch (error) {
    await showStartupError(error as Error);
    app.quit();
    return;
  }
  serveRenderer(path.join(__dirname, '../renderer'));
  registerIpc(backend, () => mainWindow);
  Menu.setApplicationMenu(
    buildMenu(
      (command) => backend?.events.emit('menu-command', command),
      () => mainWindow,
    ),
  );
  mainWindow = createWindow();
  startDailyBackups(backend.backups);
  const notificationBackend = backend;
  startDailyNotifications({
    // Made at each look, on the store of the moment: a restore reopens the database on a new connection.
    source: {
      next: () => createDailyNotificationService(notificationBackend.store.db, () => new Date()).next(),
      markShown: (due) => createDailyNotificationService(notificationBackend.store.db, () => new Date()).markShown(due),
    },
    onClick: () => {
      if (!mainWindow) return;
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
      notificationBackend.events.emit('menu-command', 'go-today');
    },
  });
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
  app.whenReady().then(start, (error: unknown) => console.error(error));
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
