import type { SupportOffer } from '../../../shared/exams/exam-types';
import type { Executor } from '../../store/open-store';
import { recordChange } from '../change-log';
import { offerSupport } from '../support/support-service';
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
      const { id } = await offerSupport(db, { traineeId: input.traineeId, label: offer.label, offeredOn: input.offeredOn, source: 'post_fail', sourceId: input.conversationId }, input.now);
      link = { label: offer.label, id };
      links.push(link);
    }
    if (offer.accepted) {
      // The support service's own step() opens its own transaction, so the accepted step is written here in ours.
      const accepted = await db
        .updateTable('support_items')
        .set({ status: 'accepted', accepted_on: input.offeredOn, updated_at: input.now.toISOString() })
        .where('id', '=', link.id)
        .where('status', '=', 'offered')
        .executeTakeFirst();
      if (Number(accepted.numUpdatedRows) > 0) {
        await recordChange(db, { entity: 'support_item', entityId: link.id, action: 'accepted', before: { status: 'offered' }, after: { status: 'accepted', on: input.offeredOn } }, input.now);
      }
    }
  }
  return links;
}
