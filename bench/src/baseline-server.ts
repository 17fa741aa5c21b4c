/**
 * The floor Yuxin's submit is compared with: a bare Fastify route that writes the same answers into the same
 * table with one `pg` query and nothing else — no session, no authorization, no scoring, no audit.
 * Env: DATABASE_URL, PORT, BASELINE_PLACEMENT (JSON of one student's ids), BASELINE_INSTRUMENTS (JSON).
 */
import Fastify from 'fastify';
import pg from 'pg';

const placement = JSON.parse(process.env.BASELINE_PLACEMENT!) as {
  studentId: string;
  cityId: string;
  districtId: string;
  schoolId: string;
  gradeId: string;
  classId: string;
};
const instruments = JSON.parse(process.env.BASELINE_INSTRUMENTS!) as Array<{ code: string; version: number }>;
// The same pool size Yuxin opens (packages/server/src/db/connect.ts).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const app = Fastify({ logger: false });

app.get('/ready', async () => ({ status: 'ready' }));
app.post<{ Body: { submissionId: string; answers: Record<string, Array<number | null>>; durationMs: number } }>(
  '/submit',
  async (req) => {
    const { submissionId, answers, durationMs } = req.body;
    const { rows } = await pool.query<{ submitted_at: Date }>(
      `insert into screening_response (submission_id, student_id, city_id, district_id, school_id, grade_id, class_id,
                                     instrument_code, instrument_version, respondent, answers, valid, duration_ms)
     select $1, $2, $3, $4, $5, $6, $7, t.code, t.version, 'self', ($8::jsonb) -> t.code, true, $9
       from unnest($10::text[], $11::int[]) as t(code, version)
     returning submitted_at`,
      [
        submissionId,
        placement.studentId,
        placement.cityId,
        placement.districtId,
        placement.schoolId,
        placement.gradeId,
        placement.classId,
        JSON.stringify(answers),
        durationMs,
        instruments.map((i) => i.code),
        instruments.map((i) => i.version),
      ],
    );
    return { receiptId: submissionId, submittedAt: rows[0]!.submitted_at };
  },
);

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
async function stop() {
  await app.close();
  await pool.end();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop());
