import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { InsightsFilters } from '../../../../shared/insights';
import { keyIn, useApi } from '../../api';

export const insightsKeys = {
  all: keyIn('insights'),
  figures: (filters: InsightsFilters) => keyIn('insights', 'figures', JSON.stringify(filters)),
  /** Combined returns: `loadId` changes with each set of files loaded. */
  region: (loadId: number, filters: InsightsFilters) => keyIn('insights', 'region', loadId, JSON.stringify(filters)),
  signingIdentity: keyIn('insights', 'signing-identity'),
};

/** The fingerprint of the key that signs this installation's returns; null until the first return. */
export function useSigningIdentity() {
  const api = useApi();
  return useQuery({ queryKey: insightsKeys.signingIdentity, queryFn: () => api.insights.signingIdentity() });
}

/** The TPD's own figures; the previous figures stay on screen while a new filter loads. */
export function useInsightsFigures(filters: InsightsFilters) {
  const api = useApi();
  return useQuery({
    queryKey: insightsKeys.figures(filters),
    queryFn: () => api.insights.figures(filters),
    placeholderData: keepPreviousData,
  });
}

/** Makes a return (JSON and CSV), signed; the first one makes the signing key. */
export function useExportReturn() {
  const api = useApi();
  return useMutation({ mutationFn: api.insights.exportReturn });
}

/** Adds returns up; the region's figures come back, suppressed afresh. */
export function useCombineReturns() {
  const api = useApi();
  return useMutation({ mutationFn: api.insights.combineReturns });
}
