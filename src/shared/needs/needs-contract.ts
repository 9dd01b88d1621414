import { channel } from '../contract/define';
import type { PlpGoal } from '../plp';
import { byId, byTrainee } from '../schema-helpers';
import { earlyNeedsFieldsSchema, identifiedNeedSchema, type EarlyNeedsView, type IdentifiedNeed } from './needs-types';

export const needsChannels = {
  'needs:get': channel(byTrainee).returns<EarlyNeedsView>(),
  'needs:save': channel(earlyNeedsFieldsSchema).changes('needs').returns<EarlyNeedsView>(),
  /** Destroys the intake at the end of training (retention); PLP goals made from it stay. */
  'needs:destroy': channel(byTrainee).changes('needs').returns<EarlyNeedsView>(),
  'needs:addNeed': channel(identifiedNeedSchema).changes('needs').returns<IdentifiedNeed>(),
  'needs:removeNeed': channel(byId).changes('needs').returns<void>(),
  /** Turns an identified need into a PLP goal in one action. */
  'needs:makeGoal': channel(byId).changes('needs', 'plp').returns<PlpGoal>(),
};
