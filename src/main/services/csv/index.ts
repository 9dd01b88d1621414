export * from './read-csv';
export * from './csv-import-pipeline';
