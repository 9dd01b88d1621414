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
}

export const SOURCE_NAMES: Record<keyof ArcpSources, string> = {
  examAttempts: 'exam attempts',
  postFail: 'post-fail conversations',
  readiness: 'readiness-to-sit discussions',
  plpGoals: 'learning plan goals',
  support: 'support offers',
  meetings: '1:1 meetings',
};
