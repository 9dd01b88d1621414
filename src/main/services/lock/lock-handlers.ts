import type { HandlersFor } from '../../handler-registry';
import type { LockService } from './lock-service';

export function lockHandlers(lock: LockService): HandlersFor<'lock'> {
  return {
    'lock:status': () => lock.status(),
    'lock:activity': () => lock.activity(),
    'lock:set-idle': ({ minutes }) => lock.setIdleMinutes(minutes),
    'lock:set-pin': ({ pin, current }) => lock.setPin(pin, current),
    'lock:now': () => lock.lock('manual'),
    'lock:unlock-pin': ({ pin }) => lock.unlockWithPin(pin),
    'lock:unlock-recovery': ({ words }) => lock.unlockWithRecoveryKey(words),
    'lock:remove-pin': ({ current }) => lock.removePin(current),
  };
}
