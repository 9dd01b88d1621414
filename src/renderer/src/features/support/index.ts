export { SupportTab } from './SupportTab';
export { SupportCatalogueSettings } from './SupportCatalogueSettings';
export { useRemoveSupportItem } from './mutations';
export { supportKeys, useSupportCatalogue, useSupportItems } from './queries';
