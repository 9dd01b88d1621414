/** Messages main pushes to the renderer (progress, menu commands). */
export interface ProgressEvent {
  jobId: string;
  phase: string;
  done: number;
  total: number;
}

export const MENU_COMMANDS = [
  'new-trainee',
  'import-trainees',
  'find',
  'go-today',
  'go-trainees',
  'go-settings',
  'export-view',
  'new-meeting',
  'go-arcp',
  'go-resits',
  'go-insights',
  'lock-now',
  'toggle-presenting',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The app locked (idle, the system locked or slept, "Lock now") or unlocked, or its idle period changed. */
export interface LockChangedEvent {
  locked: boolean;
}

export interface AppEvents {
  progress: ProgressEvent;
  'menu-command': MenuCommand;
  'lock-changed': LockChangedEvent;
}
export type AppEventName = keyof AppEvents;
export const APP_EVENT_NAMES: AppEventName[] = ['progress', 'menu-command', 'lock-changed'];
