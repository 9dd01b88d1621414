import type { ResultsImportPreview } from '../../src/shared/exams/exam-types';
import type { Trainee } from '../../src/shared/trainees/trainee-schema';
import { defineCase } from '../types';
import { call, disposeBackend, freshBackend, type BenchBackend } from '../support';

interface ExamState {
  backend: BenchBackend;
  resultsCsv: string;
}

/** The large demo register (10,000 trainees with exam histories) and a results file for 5,000 of them. */
async function largeDemo(): Promise<ExamState> {
  const backend = await freshBackend();
  await call(backend, 'demo:load', { size: 'large' });
  const trainees = await call<Trainee[]>(backend, 'trainees:list', { includeArchived: false });
  const lines = [
    'GMC Number,Exam,Sitting Date,Result,Score,Pass Mark,Clinical Knowledge %,Evidence Based Practice %,Organisation & Management %',
  ];
  trainees
    .slice(0, 5000)
    .forEach((t, i) =>
      lines.push(
        `${t.gmcNumber},AKT,0${1 + (i % 9)}/01/2020,${i % 3 === 0 ? 'Fail' : 'Pass'},${120 + (i % 50)},139,70,60,65`,
      ),
    );
  return { backend, resultsCsv: Buffer.from(lines.join('\n')).toString('base64') };
}

export const examCases = [
  defineCase<ExamState>({
    name: 'examImport:preview (5,000 rows)',
    notes: 'results CSV matched by GMC number against 10,000 trainees',
    runs: 5,
    warmup: 1,
    setup: largeDemo,
    run: async (state) => {
      const preview = await call<ResultsImportPreview>(state.backend, 'examImport:preview', {
        jobId: 'bench',
        fileName: 'results.csv',
        contentBase64: state.resultsCsv,
      });
      return `${preview.counts.create} new, ${preview.counts.error} rejected`;
    },
    teardown: (state) => disposeBackend(state.backend),
  }),
];
