import type { Selectable } from 'kysely';
import type { ArcpCode, EvidenceTemplate, EvidenceTemplateItem } from '../../../shared/arcp/arcp-reference';
import type { ArcpPanel, ArcpRecord, ArcpRecordFields } from '../../../shared/arcp/arcp-schema';
import type {
  ArcpCodesTable,
  ArcpPanelsTable,
  ArcpRecordsTable,
  EvidenceTemplatesTable,
} from '../../store/schema-arcp';

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function rowToCode(row: Selectable<ArcpCodesTable>): ArcpCode {
  return {
    code: row.code,
    kind: row.kind === 'outcome' ? 'outcome' : 'reason',
    label: row.label,
    appliesTo: parseJson<string[]>(row.applies_to, []),
    requiresDetail: row.requires_detail === 1,
    historic: row.historic === 1,
    source: row.source,
  };
}

export function rowToTemplate(row: Selectable<EvidenceTemplatesTable>): EvidenceTemplate {
  return {
    id: row.id,
    name: row.name,
    specialty: row.specialty,
    grade: row.grade,
    items: parseJson<EvidenceTemplateItem[]>(row.items, []),
    updatedAt: row.updated_at,
  };
}

export function rowToPanel(row: Selectable<ArcpPanelsTable>, traineeCount: number): ArcpPanel {
  return { id: row.id, name: row.name, panelDate: row.panel_date, traineeCount, createdAt: row.created_at };
}

export function rowToRecord(row: Selectable<ArcpRecordsTable>): ArcpRecord {
  return {
    id: row.id,
    traineeId: row.trainee_id,
    panelId: row.panel_id,
    templateId: row.template_id,
    reviewFrom: row.review_from,
    reviewTo: row.review_to,
    panelDate: row.panel_date,
    grade: row.grade as ArcpRecord['grade'],
    wte: row.wte,
    posts: row.posts,
    esrInterimDate: row.esr_interim_date,
    esrFullDate: row.esr_full_date,
    outcome: row.outcome,
    reasonCodes: parseJson<string[]>(row.reason_codes, []),
    reasonDetail: row.reason_detail,
    evidenceDueDate: row.evidence_due_date,
    educatorSummary: row.educator_summary,
    counts: parseJson<Record<string, number>>(row.evidence_counts, {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function fieldsToColumns(fields: ArcpRecordFields) {
  return {
    template_id: fields.templateId,
    review_from: fields.reviewFrom,
    review_to: fields.reviewTo,
    panel_date: fields.panelDate,
    grade: fields.grade,
    wte: fields.wte,
    posts: fields.posts,
    esr_interim_date: fields.esrInterimDate,
    esr_full_date: fields.esrFullDate,
    outcome: fields.outcome,
    reason_codes: JSON.stringify(fields.reasonCodes),
    reason_detail: fields.reasonDetail,
    evidence_due_date: fields.evidenceDueDate,
    educator_summary: fields.educatorSummary,
  };
}

export function recordFields(record: ArcpRecord): ArcpRecordFields {
  const { id: _id, traineeId: _t, panelId: _p, counts: _c, createdAt: _ca, updatedAt: _ua, ...fields } = record;
  return fields;
}
