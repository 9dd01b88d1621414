import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isAttainmentIndicator, type InsightsFigures, type InsightsFilters } from '../../../../shared/insights';
import type { CombinedReturns } from '../../../../shared/insights/insights-return';
import { ApiError, useApi } from '../../api';
import { useToast } from '../../components/Toasts';
import { saveExportedFile } from '../../lib/download';
import { Select, plainOptions } from '../../components/Select';
import { ComparisonCard, HeatMapTable, ProportionCard, isEmptyFigure } from './FigureCards';
import { insightsKeys, useInsightsFigures } from './queries';
import { CombineReturnsDialog, ExportReturnDialog, type LoadedReturns } from './ReturnDialogs';
import { useLogExport } from '../export-log';

interface FilterChoice {
  programme: string;
  grade: string;
  exam: string;
  from: string;
  to: string;
}

const NO_CHOICE: FilterChoice = { programme: '', grade: '', exam: '', from: '', to: '' };

function toFilters(choice: FilterChoice, quarters: readonly string[]): InsightsFilters | string {
  const filters: InsightsFilters = {};
  if (choice.programme) filters.programme = choice.programme;
  if (choice.grade) filters.grade = choice.grade;
  if (choice.exam) filters.exam = choice.exam;
  if (choice.from || choice.to) {
    const period = { from: choice.from || quarters[0]!, to: choice.to || quarters[quarters.length - 1]! };
    if (period.from > period.to) return 'The period must start before it ends';
    filters.period = period;
  }
  return filters;
}

function Filters({
  figures,
  choice,
  onChange,
  problem,
}: {
  figures: InsightsFigures;
  choice: FilterChoice;
  onChange(next: FilterChoice): void;
  problem: string | null;
}) {
  const { options } = figures;
  const filter = (key: keyof FilterChoice, label: string, placeholder: string, values: readonly string[]) => (
    <label className="checkbox">
      {label}
      <Select
        value={choice[key]}
        onChange={(e) => onChange({ ...choice, [key]: e.target.value })}
        placeholder={placeholder}
        options={plainOptions(values)}
      />
    </label>
  );
  return (
    <div className="toolbar insights-filters" role="group" aria-label="Filter the figures">
      {filter('programme', 'Programme', 'All programmes', options.programmes)}
      {options.grades.length > 0 ? filter('grade', 'Grade', 'All grades', options.grades) : null}
      {filter('exam', 'Exam', 'All exams', options.exams)}
      {filter('from', 'From quarter', 'The earliest', options.quarters)}
      {filter('to', 'To quarter', 'The latest', options.quarters)}
      {problem ? (
        <span className="field-error" role="alert">
          {problem}
        </span>
      ) : null}
    </div>
  );
}

/** Everything below the filters: the caveat, each figure, and the heat map. */
function FiguresView({ figures }: { figures: InsightsFigures }) {
  const shown = figures.figures.filter((f) => !isEmptyFigure(f));
  const empty = figures.figures.filter(isEmptyFigure);
  const comparisons = shown.filter((f) => f.kind === 'comparison' && !isAttainmentIndicator(f.meta.key));
  const attainment = shown.filter((f) => f.kind === 'comparison' && isAttainmentIndicator(f.meta.key));
  const processes = shown.filter((f) => f.kind === 'proportion');
  const columnLabel = figures.scope === 'region' ? 'Scheme' : 'Programme';
  return (
    <>
      <div className="alert insights-caveat" role="note" aria-label="About these figures">
        <p>{figures.caveat}</p>
        <p className="small">
          Counts from 1 to {figures.threshold - 1} show as &ldquo;&lt;{figures.threshold}&rdquo;; &ldquo;—&rdquo; marks
          a count hidden so that a small one cannot be worked out. A rate is not shown for a group under{' '}
          {figures.threshold}.
        </p>
      </div>

      <section aria-labelledby="comparisons-heading">
        <h2 id="comparisons-heading">Comparisons</h2>
        {comparisons.length === 0 ? <p className="muted">No comparison has anyone in it yet.</p> : null}
        {comparisons.map((f) => (f.kind === 'comparison' ? <ComparisonCard key={f.meta.key} figure={f} /> : null))}
      </section>

      <section aria-labelledby="processes-heading">
        <h2 id="processes-heading">How the processes are going</h2>
        {processes.map((f) => (f.kind === 'proportion' ? <ProportionCard key={f.meta.key} figure={f} /> : null))}
      </section>

      <section aria-labelledby="attainment-heading">
        <h2 id="attainment-heading">Attainment by group</h2>
        <p className="muted">
          First-attempt pass rates by primary medical qualification and by working pattern, counting only trainees who
          agreed to record the characteristic for evaluation. The gap describes the training system — how recruitment,
          training, support and assessment serve each group — not the trainees in them. No trainee is marked, flagged or
          offered support because of a characteristic; support is offered by need.
        </p>
        {attainment.length === 0 ? (
          <p className="muted">No one with a recorded characteristic has sat an exam yet.</p>
        ) : null}
        {attainment.map((f) => (f.kind === 'comparison' ? <ComparisonCard key={f.meta.key} figure={f} /> : null))}
      </section>

      {empty.length > 0 ? (
        <section aria-labelledby="empty-heading">
          <h2 id="empty-heading">No one counted yet</h2>
          <p className="muted">{empty.map((f) => f.meta.title).join('; ')}.</p>
        </section>
      ) : null}

      <section aria-labelledby="heatmap-heading" className="insights-heatmap-section">
        <h2 id="heatmap-heading">Indicators by {columnLabel.toLowerCase()}</h2>
        <p className="muted small">
          Comparisons show the risk ratio (the first group&rsquo;s rate over the second&rsquo;s); processes show the
          share. &ldquo;higher&rdquo; or &ldquo;lower&rdquo;: the whole 95% interval lies above or below 1 (or 50%);
          &ldquo;unclear&rdquo;: it crosses it. &ldquo;—&rdquo;: not shown.
        </p>
        <HeatMapTable heatMap={figures.heatMap} columnLabel={columnLabel} />
      </section>
    </>
  );
}

/** The region's figures from combined returns, filtered again in main when the filters change. */
function useRegionFigures(region: (LoadedReturns & { id: number }) | null, filters: InsightsFilters) {
  const api = useApi();
  const { grade: _grade, ...regionFilters } = filters;
  return useQuery({
    queryKey: insightsKeys.region(region?.id ?? 0, regionFilters),
    queryFn: () => api.insights.combineReturns({ returns: region!.files, filters: regionFilters }),
    enabled: region !== null,
    placeholderData: keepPreviousData,
  });
}

/** "What works": cohort figures over the user's register, and returns a region can add up. */
export function InsightsPage() {
  const logExport = useLogExport();
  const [choice, setChoice] = useState<FilterChoice>(NO_CHOICE);
  const [lastValid, setLastValid] = useState<InsightsFilters>({});
  const [region, setRegion] = useState<(LoadedReturns & { id: number }) | null>(null);
  const [dialog, setDialog] = useState<'export' | 'combine' | null>(null);
  const local = useInsightsFigures(region ? {} : lastValid);
  const regional = useRegionFigures(region, lastValid);
  const figures = region ? (regional.data ?? region.combined) : local.data;
  const quarters = figures?.options.quarters ?? [];
  const attempt = toFilters(choice, quarters);
  const problem = typeof attempt === 'string' ? attempt : null;

  const changeFilters = (next: FilterChoice) => {
    setChoice(next);
    const filters = toFilters(next, quarters);
    if (typeof filters !== 'string') setLastValid(filters);
  };
  const query = region ? regional : local;
  const api = useApi();
  const { notify } = useToast();
  const [savingPdf, setSavingPdf] = useState(false);
  const savePdf = async () => {
    setSavingPdf(true);
    try {
      saveExportedFile(await api.insights.summaryPdf(lastValid));
    } catch (e) {
      notify(e instanceof ApiError ? e.message : 'The PDF could not be made; nothing was saved.');
    } finally {
      setSavingPdf(false);
    }
  };

  return (
    <div className="page page-wide insights-page">
      <div className="page-header">
        <div>
          <h1>What works</h1>
          <p className="muted">
            {region
              ? `The region: ${region.files.length} returns combined (${region.combined.sources.map((s) => s.fileName).join(', ')}).`
              : 'Figures from your own register: who had each kind of support, and how they did.'}
          </p>
        </div>
        <div className="button-row no-print">
          {region ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                setRegion(null);
                changeFilters(NO_CHOICE);
              }}
            >
              Back to your programmes
            </button>
          ) : (
            <button type="button" className="button button-primary" onClick={() => setDialog('export')}>
              Export a return…
            </button>
          )}
          <button type="button" className="button" onClick={() => setDialog('combine')}>
            Combine returns…
          </button>
          {region ? null : (
            <button type="button" className="button" onClick={() => void savePdf()} disabled={savingPdf}>
              Save a one-page PDF
            </button>
          )}
          <button
            type="button"
            className="button"
            onClick={() => {
              logExport('print', [], '“What works” figures, printed');
              window.print();
            }}
          >
            Print
          </button>
        </div>
      </div>

      {region ? <ReturnSources sources={region.combined.sources} /> : null}
      {region && region.combined.warnings.length > 0 ? (
        <ul className="alert insights-warnings" aria-label="Warnings about the returns">
          {region.combined.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {query.isLoading ? <p role="status">Loading…</p> : null}
      {query.isError ? (
        <div className="alert alert-error">The figures could not be made: {query.error.message}</div>
      ) : null}
      {figures ? (
        <>
          <Filters figures={figures} choice={choice} onChange={changeFilters} problem={problem} />
          <FiguresView figures={figures} />
        </>
      ) : null}

      {dialog === 'export' ? (
        <ExportReturnDialog quarters={quarters} period={lastValid.period ?? null} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'combine' ? (
        <CombineReturnsDialog
          onClose={() => setDialog(null)}
          onCombined={(loaded) => {
            setDialog(null);
            setChoice(NO_CHOICE);
            setLastValid({});
            setRegion({ ...loaded, id: (region?.id ?? 0) + 1 });
          }}
        />
      ) : null}
    </div>
  );
}

/** Who each combined return says it is from: a signature's fingerprint to check with the sender, or none. */
function ReturnSources({ sources }: { sources: CombinedReturns['sources'] }) {
  return (
    <section className="card insights-sources" aria-labelledby="insights-sources-heading">
      <h2 id="insights-sources-heading">Returns combined</h2>
      <ul className="plain-list stack">
        {sources.map((s) => (
          <li key={s.fileName}>
            <strong>{s.fileName}</strong>{' '}
            <span className="muted">
              ({s.programmes.join(', ') || 'no programmes'}; version {s.version})
            </span>
            <br />
            {s.signature.status === 'signed' ? (
              <>
                Signed, key <span className="fingerprint-inline">{s.signature.fingerprint}</span>. Check this
                fingerprint with the sender by phone or in a call: only then is the return known to be theirs and
                unchanged.
              </>
            ) : (
              <strong>
                Unsigned (made before returns were signed): nothing shows who made it or that it was not changed.
              </strong>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
