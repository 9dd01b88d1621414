import type { SupportOffer } from '../../../shared/exams/exam-types';
import type { Executor } from '../../store/open-store';
import type { SupportItemLink } from './exam-rows';

export interface PostFailSupportInput {
  traineeId: string;
  conversationId: string;
  offeredOn: string;
  offers: SupportOffer[];
  /** Items already created for this conversation, by label, so a re-save does not duplicate them. */
  existing: SupportItemLink[];
  now: Date;
}

/**
 * Turns the support a trainee accepted into support items of the 1:1 feature. Runs inside the
 * caller's transaction. Until that feature is present, the post-fail record is the only record.
 */
export async function offerPostFailSupport(_db: Executor, input: PostFailSupportInput): Promise<SupportItemLink[]> {
  return input.existing;
}
