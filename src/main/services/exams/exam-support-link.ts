import type { SupportOffer } from '../../../shared/exams/exam-types';
import type { Executor } from '../../store/open-store';
import { offerSupport, stepSupportItem } from '../support';
import { findSupportItem } from '../support/support-read';
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
 * Turns the tier's support into support items of the 1:1 feature, inside the caller's
 * transaction: each offer becomes an item (source `post_fail`), marked accepted where the trainee
 * accepted. Items already created are not duplicated; a later change of mind is left to the
 * support item's own history rather than undone here.
 */
export async function offerPostFailSupport(db: Executor, input: PostFailSupportInput): Promise<SupportItemLink[]> {
  const links = [...input.existing];
  for (const offer of input.offers) {
    let link = links.find((l) => l.label === offer.label);
    if (!link) {
      const { id } = await offerSupport(
        db,
        {
          traineeId: input.traineeId,
          label: offer.label,
          offeredOn: input.offeredOn,
          source: 'post_fail',
          sourceId: input.conversationId,
        },
        input.now,
      );
      link = { label: offer.label, id };
      links.push(link);
    }
    if (offer.accepted) {
      // Through the support service's own step, so the path rules and follow-up date apply as in the Support tab.
      const item = await findSupportItem(db, link.id);
      if (item.status === 'offered')
        await stepSupportItem(db, { id: link.id, status: 'accepted', on: input.offeredOn, outcome: null }, input.now);
    }
  }
  return links;
}
