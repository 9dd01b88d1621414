import type { ComponentType } from 'react';
import type { Trainee } from '../../../../shared/trainees/trainee-schema';
import { ArcpTab } from '../arcp/ArcpTab';
import { ExamsTab } from '../exams/ExamsTab';
import { TraineeOverview } from './TraineeOverview';

export interface TraineeTabProps {
  trainee: Trainee;
}

/**
 * The tabs of a trainee's page, in order. Each feature adds one entry here and keeps its
 * component in its own folder; `id` also appears in the URL (#/trainees/:id/:tab).
 */
export const TRAINEE_TABS: Array<{ id: string; label: string; component: ComponentType<TraineeTabProps> }> = [
  { id: 'overview', label: 'Overview', component: TraineeOverview },
  { id: 'exams', label: 'Exams', component: ExamsTab },
  { id: 'arcp', label: 'ARCP', component: ArcpTab },
];
