import { useState } from 'react';
import type { EvidenceTemplate } from '../../../../shared/arcp/arcp-reference';
import { evidenceCountsSchema, type ArcpRecord } from '../../../../shared/arcp/arcp-schema';
import { effectiveCounts, evaluateChecklist } from '../../../../shared/arcp/checklist';
import { ApiError, useApi } from '../../api';
import { useToast } from '../../components/Toasts';

/** Items asked for once (ESR, CPR, safeguarding…) are ticked; the rest are counted. */
const isTick = (minimum: number, basis: string) => minimum <= 1 && basis !== 'post';

/**
 * The user copies counts from the e-portfolio (or ticks items); the gaps update as they type,
 * worked out pro rata for the record's WTE and per post.
 */
export function ChecklistEditor({ record, template }: { record: ArcpRecord; template: EvidenceTemplate }) {
  const api = useApi();
  const { notify } = useToast();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      template.items.map((i) => [i.key, record.counts[i.key] === undefined ? '' : String(record.counts[i.key])]),
    ),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const entered = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
  const parsed = evidenceCountsSchema.safeParse(entered);
  const preview = evaluateChecklist(
    template.items,
    effectiveCounts(parsed.success ? parsed.data : record.counts, record),
    { wte: record.wte, posts: record.posts },
  );

  const save = async () => {
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await api.arcp.saveCounts({ id: record.id, counts: parsed.data });
      notify('Evidence counts saved');
    } catch (e) {
      notify(e instanceof ApiError ? e.message : 'The counts could not be saved.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby="checklist-heading">
      <div className="page-header">
        <div>
          <h2 id="checklist-heading">Evidence checklist</h2>
          <p className="muted">
            {template.name}.{' '}
            {preview.complete
              ? 'All minimums met.'
              : `${preview.gaps.length} of ${preview.rows.length} items have gaps.`}
          </p>
        </div>
        <button type="button" className="button button-primary" onClick={() => void save()} disabled={saving}>
          Save counts
        </button>
      </div>
      <table className="data-table checklist-table" aria-label="Evidence checklist">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Required</th>
            <th scope="col">Seen in the e-portfolio</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => {
            const item = template.items.find((i) => i.key === row.key)!;
            const label = `${row.label} seen`;
            const error = errors[row.key];
            return (
              <tr key={row.key} className={row.missing > 0 ? 'row-gap' : undefined}>
                <td className="cell-wrap">
                  {row.label}
                  {row.note ? <div className="muted small">{row.note}</div> : null}
                </td>
                <td className="cell-wrap">
                  {row.required}
                  {row.basis !== 'per training year' ? <div className="muted small">{row.basis}</div> : null}
                </td>
                <td>
                  {isTick(item.minimum, item.basis) && row.required <= 1 ? (
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        checked={(row.recorded ?? 0) >= 1}
                        onChange={(e) => setValues((v) => ({ ...v, [row.key]: e.target.checked ? '1' : '0' }))}
                      />{' '}
                      Done
                      <span className="visually-hidden"> ({row.label})</span>
                    </label>
                  ) : (
                    <input
                      aria-label={label}
                      className="input-number"
                      inputMode="numeric"
                      value={values[row.key] ?? ''}
                      placeholder="—"
                      aria-invalid={error ? true : undefined}
                      onChange={(e) => setValues((v) => ({ ...v, [row.key]: e.target.value }))}
                    />
                  )}
                  {error ? <p className="field-error">{error}</p> : null}
                </td>
                <td>
                  {row.missing > 0 ? (
                    <strong>▲ {row.recorded === null ? 'Not recorded' : `${row.missing} missing`}</strong>
                  ) : (
                    'Met'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
