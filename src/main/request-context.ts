import { AsyncLocalStorage } from 'node:async_hooks';
import type { TeamCaller } from '../shared/team';

/**
 * Who is making the call being answered, on a team server; nobody (null) in personal mode.
 *
 * The team server passes the caller explicitly to `dispatchAs` at its edge, and `dispatchAs` runs
 * the call inside this context. Role checks at dispatch can take the caller as an argument; the
 * store's per-request transaction (`SET LOCAL app.user_id`) and the services' scope filters read
 * it from here, so twenty services need not thread an argument they would only pass on. Node's
 * AsyncLocalStorage follows the call through every await, and never into another request.
 */
const callerStorage = new AsyncLocalStorage<TeamCaller>();

export function currentCaller(): TeamCaller | null {
  return callerStorage.getStore() ?? null;
}

export function runAsCaller<T>(caller: TeamCaller, work: () => Promise<T>): Promise<T> {
  return callerStorage.run(caller, work);
}
