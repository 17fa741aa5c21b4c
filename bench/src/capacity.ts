/**
 * A capacity estimate for a city, derived from what one node did here. The peak is the hard case of
 * universal screening: a share of the city's students sign in and answer in the same lesson period.
 * CPU per operation is measured per process, so the app tier and the database can be sized apart even
 * though the bench ran them on one machine.
 */
export interface PerOperation {
  /** Operations per second one node sustained at 200 concurrent students (server and PostgreSQL sharing its cores). */
  perSec: number;
  /** CPU milliseconds per operation of the Yuxin process, and of PostgreSQL. */
  serverMs: number;
  postgresMs: number;
}

export interface CapacityInput {
  students: number;
  signIn: PerOperation;
  screening: PerOperation;
  coresPerNode: number;
}

export const PEAK = { share: 0.05, windowMinutes: 10, utilisation: 0.6 } as const;

export function capacityEstimate(input: CapacityInput) {
  const peakStudents = Math.round(input.students * PEAK.share);
  const arrivalsPerSec = peakStudents / (PEAK.windowMinutes * 60);
  const appCores = (arrivalsPerSec * (input.signIn.serverMs + input.screening.serverMs)) / 1000;
  const dbCores = (arrivalsPerSec * (input.signIn.postgresMs + input.screening.postgresMs)) / 1000;
  const appNodes = Math.max(2, Math.ceil(appCores / (input.coresPerNode * PEAK.utilisation)) + 1);
  const dbPrimaryCores = Math.max(2, Math.ceil(dbCores / PEAK.utilisation));
  // Cross-check without the CPU split: nodes like this one, database included, each doing what it did here.
  const sharedNodes = arrivalsPerSec * (1 / input.signIn.perSec + 1 / input.screening.perSec);
  return {
    peakStudents,
    arrivalsPerSec,
    appCores,
    dbCores,
    appNodes,
    dbPrimaryCores,
    sharedNodes,
    lines: [
      `${input.students.toLocaleString()} students; peak: ${PEAK.share * 100}% of them (${peakStudents.toLocaleString()}) start within ${PEAK.windowMinutes} min = ${arrivalsPerSec.toFixed(0)} sign-ins/s and ${arrivalsPerSec.toFixed(0)} screenings/s`,
      `CPU per student: app ${(input.signIn.serverMs + input.screening.serverMs).toFixed(1)} ms (sign-in ${input.signIn.serverMs.toFixed(1)} + screening ${input.screening.serverMs.toFixed(1)}), PostgreSQL ${(input.signIn.postgresMs + input.screening.postgresMs).toFixed(1)} ms`,
      `→ app tier ${appCores.toFixed(2)} cores busy → ${appNodes} stateless nodes of ${input.coresPerNode} cores at ≤${PEAK.utilisation * 100}% (one spare); PostgreSQL primary ${dbCores.toFixed(2)} cores busy → ≥${dbPrimaryCores} cores`,
      `cross-check: ${sharedNodes.toFixed(2)} machines like this one with app and database together, at the rates measured here`,
    ],
  };
}

/**
 * Jining's figure (济教字〔2024〕24号 §6): a million students sign in with their screening codes and fetch
 * their questionnaire within a window. The definitions themselves are immutable, long-cached assets (one
 * fetch per browser, or per CDN edge), so what each student costs the nodes is the code sign-in and the
 * small per-student assignment read.
 */
export interface MillionInput {
  students: number;
  codeSignIn: PerOperation;
  questionnaireFetch: PerOperation;
  coresPerNode: number;
  windowsSeconds: readonly number[];
}

export interface WindowSizing {
  windowSeconds: number;
  arrivalsPerSec: number;
  appCores: number;
  dbCores: number;
  appNodes: number;
  dbPrimaryCores: number;
  /** Machines like the bench's, app and database together, each doing the rates measured there. */
  sharedNodes: number;
}

export function millionSignInCapacity(input: MillionInput): WindowSizing[] {
  const appMs = input.codeSignIn.serverMs + input.questionnaireFetch.serverMs;
  const dbMs = input.codeSignIn.postgresMs + input.questionnaireFetch.postgresMs;
  return input.windowsSeconds.map((windowSeconds) => {
    const arrivalsPerSec = input.students / windowSeconds;
    const appCores = (arrivalsPerSec * appMs) / 1000;
    const dbCores = (arrivalsPerSec * dbMs) / 1000;
    return {
      windowSeconds,
      arrivalsPerSec,
      appCores,
      dbCores,
      appNodes: Math.max(2, Math.ceil(appCores / (input.coresPerNode * PEAK.utilisation)) + 1),
      dbPrimaryCores: Math.max(2, Math.ceil(dbCores / PEAK.utilisation)),
      sharedNodes: arrivalsPerSec * (1 / input.codeSignIn.perSec + 1 / input.questionnaireFetch.perSec),
    };
  });
}

export function millionSignInLines(input: MillionInput, sizing: WindowSizing[]): string[] {
  const appMs = input.codeSignIn.serverMs + input.questionnaireFetch.serverMs;
  const dbMs = input.codeSignIn.postgresMs + input.questionnaireFetch.postgresMs;
  return [
    `${input.students.toLocaleString()} screening-code sign-ins plus questionnaire fetches; CPU per student: app ${appMs.toFixed(2)} ms (sign-in ${input.codeSignIn.serverMs.toFixed(2)} + fetch ${input.questionnaireFetch.serverMs.toFixed(2)}), PostgreSQL ${dbMs.toFixed(2)} ms`,
    ...sizing.map(
      (s) =>
        `in ${s.windowSeconds >= 120 ? `${s.windowSeconds / 60} min` : `${s.windowSeconds} s`}: ${s.arrivalsPerSec.toFixed(0)} students/s → app ${s.appCores.toFixed(1)} cores busy → ${s.appNodes} nodes of ${input.coresPerNode} cores (≤${PEAK.utilisation * 100}%, one spare); PostgreSQL primary ${s.dbCores.toFixed(1)} cores busy → ≥${s.dbPrimaryCores} cores`,
    ),
  ];
}
