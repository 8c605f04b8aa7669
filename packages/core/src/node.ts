// Node-only parts of @skills-passport/core: they use libraries that need Node built-ins
// (csv-parse uses Buffer). The browser wallet never imports this entry.
export { parseEscoCsv } from './taxonomy/esco-csv.js';
export type { EscoCsvExport } from './taxonomy/esco-csv.js';
