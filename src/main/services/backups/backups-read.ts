/** What other features may know of backups: how long rotation keeps a backup (e.g. what an erasure leaves behind). */
export { KEEP_DAILY, KEEP_WEEKLY } from './rotation';
