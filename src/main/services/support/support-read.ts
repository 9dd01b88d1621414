/** What other features (the ARCP pack, post-fail conversations) may read of a trainee's support. */
export { findSupportItem, listSupportItems, listSupportItemsOf } from './support-service';
