/** Every channel answers with this envelope, over IPC and over HTTP alike. */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'unknown_channel'
  | 'forbidden'
  | 'cancelled'
  | 'internal'
  /**
   * The keychain copy of the database key is lost (only `recovery:unlock` answers until it is typed), or
   * the app is locked (only the lock's own channels answer until it is unlocked).
   */
  | 'locked';

export interface AppErrorPayload {
  code: ErrorCode;
  message: string;
  /** Field path (e.g. `gmcNumber`, `actions.0.dueDate`) to a message a person can act on. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorPayload };

/** Thrown by services for problems the user can fix; anything else is reported as `internal`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toPayload(): AppErrorPayload {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }
}
