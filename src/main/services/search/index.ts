export { createSearchService, type SearchService } from './search-service';
export { searchHandlers } from './search-handlers';
