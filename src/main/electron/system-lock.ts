import { powerMonitor } from 'electron';

/**
 * Locks the app when the operating system locks the screen or goes to sleep: whoever wakes the
 * computer finds the app locked too. Returns a function that stops listening.
 */
export function lockWithSystem(lock: () => void): () => void {
  const onSystemLock = () => lock();
  powerMonitor.on('lock-screen', onSystemLock);
  powerMonitor.on('suspend', onSystemLock);
  return () => {
    powerMonitor.off('lock-screen', onSystemLock);
    powerMonitor.off('suspend', onSystemLock);
  };
}
