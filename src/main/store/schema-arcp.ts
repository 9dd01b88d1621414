/** Row types for ARCP preparation (migration 0004). */

/** Outcome and reason codes: reference data, seeded by the migration and extendable. */
export interface ArcpCodesTable {
  code: string;
  kind: string;
  label: string;
  /** JSON array of outcome codes a reason may go with. */
  applies_to: string;
  requires_detail: number;
  historic: number;
  sort_order: number;
  /** Where the wording comes from (e.g. the Gold Guide edition); added by migration 0005. */
  source: string | null;
}

export interface EvidenceTemplatesTable {
  id: string;
  name: string;
  specialty: string;
  grade: string;
  /** JSON array of EvidenceTemplateItem. */
  items: string;
  created_at: string;
  updated_at: string;
}

export interface ArcpPanelsTable {
  id: string;
  name: string;
  panel_date: string;
  created_at: string;
  updated_at: string;
}

export interface ArcpRecordsTable {
  id: string;
  trainee_id: string;
  panel_id: string | null;
  template_id: string | null;
  review_from: string;
  review_to: string;
  panel_date: string;
  grade: string;
  wte: number;
  posts: number;
  esr_interim_date: string | null;
  esr_full_date: string | null;
  outcome: string | null;
  /** JSON array of reason codes. */
  reason_codes: string;
  reason_detail: string | null;
  evidence_due_date: string | null;
  /** Shared with the panel and the trainee; printed in the pack. */
  educator_summary: string | null;
  /** JSON object: checklist item key → count seen in the e-portfolio. */
  evidence_counts: string;
  created_at: string;
  updated_at: string;
}

export interface ArcpTables {
  arcp_codes: ArcpCodesTable;
  evidence_templates: EvidenceTemplatesTable;
  arcp_panels: ArcpPanelsTable;
  arcp_records: ArcpRecordsTable;
}
