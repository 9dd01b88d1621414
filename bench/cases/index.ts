import type { AnyBenchCase } from '../types';
import { arcpPackCases } from './arcp-packs';
import { backupCases } from './backups';
import { demoLoadCases } from './demo-load';
import { examCases } from './exams';
import { scaleCases } from './scale';
import { insightsCases } from './insights';
import { traineeImportCases } from './trainee-import';
import { traineeTableBrowserCases } from './trainee-table-browser';

/**
 * Every benchmark, in the order they run. A static list, like the migrations registry: add a
 * file in this folder (search, the Today view, ARCP packs, …) and list its cases here.
 */
export const BENCH_CASES: AnyBenchCase[] = [
  ...scaleCases,
  ...demoLoadCases,
  ...traineeImportCases,
  ...traineeTableBrowserCases,
  ...examCases,
  ...arcpPackCases,
  ...insightsCases,
  ...backupCases,
];
