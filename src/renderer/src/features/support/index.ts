export { SupportTab } from './SupportTab';
export { SupportCatalogueSettings } from './SupportCatalogueSettings';
export { supportKeys, useSupportCatalogue, useSupportItems } from './queries';
