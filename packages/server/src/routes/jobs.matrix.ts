import type { MatrixRow } from '../testing/matrix.js';

// GET /api/v1/jobs/:id is covered in roster.matrix.ts, right after the import rows that create the jobs
// it reads (modules run in file-name order, and this one comes before roster.matrix.ts).
export const rows: MatrixRow[] = [];
