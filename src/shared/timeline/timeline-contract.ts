import { channel } from '../contract/define';
import { byTrainee } from '../schema-helpers';
import type { TimelineEntry } from '../search';

export const timelineChannels = {
  'timeline:list': channel(byTrainee).returns<TimelineEntry[]>(),
};
