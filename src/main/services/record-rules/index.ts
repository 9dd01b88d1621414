export { GATED_TABLES, parsedJson, rowIssues, type GatedTable, type RuleContext, type StoredRow } from './table-rules';
export { problemsInRows, problemsInStore, recordLabel, summariseProblems, NAMED_PROBLEMS } from './check-rows';
