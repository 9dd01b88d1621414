import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/contract';

/**
 * The application menu; each app command is forwarded to the renderer, which owns the UI, except
 * "Lock Now", which main does itself, so that it works whatever state the window is in.
 */
export function buildMenu(
  send: (command: MenuCommand) => void,
  getWindow: () => BrowserWindow | null,
  lockNow: () => void,
): Menu {
  const isMac = process.platform === 'darwin';
  const command = (label: string, accelerator: string, cmd: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => send(cmd),
  });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        command('New 1:1…', 'CmdOrCtrl+N', 'new-meeting'),
        command('New Trainee…', 'CmdOrCtrl+Shift+N', 'new-trainee'),
        command('Import Trainees from CSV…', 'CmdOrCtrl+I', 'import-trainees'),
        command('Export Current View as CSV…', 'CmdOrCtrl+E', 'export-view'),
        { type: 'separator' },
        command('Settings', 'CmdOrCtrl+,', 'go-settings'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        command('Today', 'CmdOrCtrl+1', 'go-today'),
        command('Trainees', 'CmdOrCtrl+2', 'go-trainees'),
        command('Re-sits', 'CmdOrCtrl+3', 'go-resits'),
        command('ARCP Panels', 'CmdOrCtrl+4', 'go-arcp'),
        command('What Works', 'CmdOrCtrl+5', 'go-insights'),
        command('Find…', 'CmdOrCtrl+K', 'find'),
        { type: 'separator' },
        command('Presenting', 'CmdOrCtrl+Shift+P', 'toggle-presenting'),
        { label: 'Lock Now', accelerator: 'CmdOrCtrl+L', click: () => lockNow() },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged
          ? []
          : [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: `About ${app.name}`, click: () => getWindow() && app.showAboutPanel() }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
