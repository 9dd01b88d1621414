import type { Executor } from '../../store/open-store';
import type {
  PackExamAttempt,
  PackMeeting,
  PackPlpGoal,
  PackSharedRecord,
  PackSupport,
} from '../../../shared/arcp/pack-types';

/**
 * Where an ARCP pack and the panel page read other features' shared content. Each reader
 * returns a shared view only (no private notes). A missing reader means that feature is not
 * available, and the pack says so rather than printing "none".
 */
export interface ArcpSources {
  examAttempts?: (db: Executor, traineeId: string) => Promise<PackExamAttempt[]>;
  postFail?: (db: Executor, traineeId: string) => Promise<PackSharedRecord[]>;
  readiness?: (db: Executor, traineeId: string) => Promise<PackSharedRecord[]>;
  plpGoals?: (db: Executor, traineeId: string) => Promise<PackPlpGoal[]>;
  support?: (db: Executor, traineeId: string) => Promise<PackSupport[]>;
  meetings?: (db: Executor, traineeId: string, from: string, to: string) => Promise<PackMeeting[]>;
  /** The same views for many trainees at once (the panel page); where one is missing, each trainee is read in turn. */
  many?: ArcpBatchSources;
}

/** A reader of one of the views above for many trainees: every trainee asked for has an entry. */
export type ManyReader<T> = (db: Executor, traineeIds: readonly string[]) => Promise<ReadonlyMap<string, T[]>>;

export interface ArcpBatchSources {
  examAttempts?: ManyReader<PackExamAttempt>;
  postFail?: ManyReader<PackSharedRecord>;
  plpGoals?: ManyReader<PackPlpGoal>;
  support?: ManyReader<PackSupport>;
}

export const SOURCE_NAMES: Record<Exclude<keyof ArcpSources, 'many'>, string> = {
  examAttempts: 'exam attempts',
  postFail: 'post-fail conversations',
  readiness: 'readiness-to-sit discussions',
  plpGoals: 'learning plan goals',
  support: 'support offers',
  meetings: '1:1 meetings',
};
