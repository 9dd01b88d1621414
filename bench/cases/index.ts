import type { AnyBenchCase } from '../types';
import { arcpPackCases } from './arcp-packs';
import { backupCases } from './backups';
import { demoLoadCases } from './demo-load';
import { everydayCases } from './everyday';
import { examCases } from './exams';
import { insightsCases } from './insights';
import { traineeImportCases } from './trainee-import';
import { traineeTableBrowserCases } from './trainee-table-browser';
import { traineeListCases } from './trainees-list';

/**
 * Every benchmark, in the order they run. A static list, like the migrations registry: add a
 * file in this folder (search, the Today view, ARCP packs, …) and list its cases here.
 */
export const BENCH_CASES: AnyBenchCase[] = [
  ...demoLoadCases,
  ...traineeListCases,
  ...traineeImportCases,
  ...everydayCases,
  ...traineeTableBrowserCases,
  ...examCases,
  ...arcpPackCases,
  ...insightsCases,
  ...backupCases,
];
