import { z } from 'zod';
import { channel } from '../contract/define';
import type { SearchResponse } from './search-types';

export const searchChannels = {
  'search:query': channel(
    z.strictObject({
      text: z.string().max(200, { error: 'Search for at most 200 characters' }),
      limit: z.number().int().min(1).max(100).default(30),
    }),
  ).returns<SearchResponse>(),
};
