import { z } from 'zod';
import { channel } from '../contract/define';

export interface DemoOutcome {
  trainees: number;
}

export const demoChannels = {
  /** Fills an empty register with synthetic trainees; refused once real data exists. */
  'demo:load': channel(z.strictObject({ size: z.enum(['standard', 'large', 'region']).default('standard') }))
    .changes('trainees', 'meetings', 'plp', 'needs', 'support', 'exams', 'arcp', 'evaluation')
    .returns<DemoOutcome>(),
};
