import {
  isAttainmentIndicator,
  type ComparisonFigure,
  type Figure,
  type HeatMap,
  type ProportionFigure,
} from '../../../../shared/insights';
import { RateChart } from './RateChart';

const slug = (key: string) => key.replace(/[^a-z0-9]+/gi, '-');

/** Nobody counted at all: shown as one line rather than an empty table. */
export function isEmptyFigure(figure: Figure): boolean {
  if (figure.kind === 'proportion') return figure.total.value === 0;
  return figure.exposed.total.value === 0 && figure.comparison.total.value === 0 && figure.awaiting.value === 0;
}

function Caveats({ caveats }: { caveats: string[] }) {
  return (
    <ul className="insights-caveats small">
      {caveats.map((c) => (
        <li key={c}>{c}</li>
      ))}
    </ul>
  );
}

/** Two groups on one outcome: the counts table, the rates with intervals, the ratio, Fisher's p, and a chart. */
export function ComparisonCard({ figure }: { figure: ComparisonFigure }) {
  const { meta } = figure;
  const headingId = `figure-${slug(meta.key)}`;
  const groups = [figure.exposed, figure.comparison];
  return (
    <section className="card insights-figure" aria-labelledby={headingId}>
      <h3 id={headingId}>{meta.title}</h3>
      <p className="muted">{meta.population}</p>
      <div className="insights-figure-body">
        <div className="table-scroll-auto">
          <table className="data-table insights-counts" aria-label={`Counts: ${meta.title}`}>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">{meta.outcomeLabel}</th>
                <th scope="col">{meta.noOutcomeLabel}</th>
                <th scope="col">Total</th>
                <th scope="col">Rate (95% CI)</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.label}>
                  <th scope="row">{g.label}</th>
                  <td className="num">{g.outcome.text}</td>
                  <td className="num">{g.noOutcome.text}</td>
                  <td className="num">{g.total.text}</td>
                  <td>{g.rateText}</td>
                </tr>
              ))}
              <tr className="insights-total-row">
                <th scope="row">Both groups</th>
                <td className="num">{figure.totals.outcome.text}</td>
                <td className="num">{figure.totals.noOutcome.text}</td>
                <td className="num">{figure.totals.total.text}</td>
                <td />
              </tr>
            </tbody>
          </table>
        </div>
        <RateChart title={meta.title} measure={meta.outcomeLabel} groups={groups} />
      </div>
      <dl className="details insights-stats">
        {isAttainmentIndicator(meta.key) ? (
          <div>
            <dt>Gap: first group&rsquo;s rate minus the second&rsquo;s (95% CI)</dt>
            <dd>{figure.differenceText}</dd>
          </div>
        ) : null}
        <div>
          <dt>Risk ratio (95% CI)</dt>
          <dd>{figure.riskRatioText}</dd>
        </div>
        <div>
          <dt>Fisher&rsquo;s exact test</dt>
          <dd>{figure.fisherPText}</dd>
        </div>
        {figure.pooledText ? (
          <div>
            <dt>Pooled over exams</dt>
            <dd>{figure.pooledText}</dd>
          </div>
        ) : null}
        <div>
          <dt>Outcome not known yet</dt>
          <dd>{figure.awaiting.text}</dd>
        </div>
      </dl>
      <Caveats caveats={figure.caveats} />
    </section>
  );
}

/** How a process is going: counts in each category and the share. */
export function ProportionCard({ figure }: { figure: ProportionFigure }) {
  const { meta } = figure;
  const headingId = `figure-${slug(meta.key)}`;
  return (
    <section className="card insights-figure" aria-labelledby={headingId}>
      <h3 id={headingId}>{meta.title}</h3>
      <p className="muted">{meta.population}</p>
      <div className="table-scroll-auto">
        <table className="data-table insights-counts" aria-label={`Counts: ${meta.title}`}>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Count</th>
            </tr>
          </thead>
          <tbody>
            {figure.categories.map((c) => (
              <tr key={c.key}>
                <th scope="row">{c.label}</th>
                <td className="num">{c.count.text}</td>
              </tr>
            ))}
            <tr className="insights-total-row">
              <th scope="row">Total</th>
              <td className="num">{figure.total.text}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <dl className="details insights-stats">
        <div>
          <dt>{meta.shareLabel}</dt>
          <dd>{figure.shareText}</dd>
        </div>
        {figure.distribution ? (
          <div>
            <dt>{figure.distribution.label}</dt>
            <dd>{figure.distribution.text}</dd>
          </div>
        ) : null}
      </dl>
      {meta.note || figure.caveats.length > 0 ? <Caveats caveats={figure.caveats} /> : null}
    </section>
  );
}

const DIRECTION_WORDS = { higher: 'higher', lower: 'lower', unclear: 'unclear' } as const;

/**
 * Indicators by programme (or scheme): an HTML table whose cells are tinted by direction, with the value and
 * the direction in words, so that nothing depends on colour.
 */
export function HeatMapTable({ heatMap, columnLabel }: { heatMap: HeatMap; columnLabel: string }) {
  if (heatMap.programmes.length === 0) return <p className="muted">No programme has figures yet.</p>;
  return (
    <div className="table-scroll-auto">
      <table className="data-table insights-heatmap">
        <caption className="visually-hidden">Indicators by {columnLabel.toLowerCase()}</caption>
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col">Measure</th>
            {heatMap.programmes.map((p) => (
              <th scope="col" key={p}>
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {heatMap.rows.map((row, i) => (
            <tr key={row.key}>
              <th scope="row">{row.title}</th>
              <td>{row.measure}</td>
              {heatMap.cells[i]!.map((cell, j) => (
                <td key={heatMap.programmes[j]} className={`heat heat-${cell.direction ?? 'none'}`}>
                  {cell.text}
                  {cell.direction ? <span className="heat-direction"> {DIRECTION_WORDS[cell.direction]}</span> : null}
                  {cell.hiddenReason ? <span className="visually-hidden"> {cell.hiddenReason}</span> : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
