import { AppError } from '../../../shared/result';
import type { HandlersFor } from '../../handler-registry';
import type { SearchService } from './search-service';

export function searchHandlers(search: SearchService): HandlersFor<'search'> {
  return {
    'search:query': ({ text, limit }) => {
      if (text.trim().length > 200) throw new AppError('invalid_input', 'Search for at most 200 characters');
      return search.query(text, limit);
    },
  };
}
