/**
 * 家长学校 (parent school): which guardians count as a grade's first-year parents and when a guardian has
 * earned the school's certificate (结业证书). Pure rules; the server counts attendance and the supervision
 * indicators compare the shares with a city's standards.
 */

/**
 * 起始年级: the first grade of each stage (一年级, 七年级, 高一). A nine-year school has two, a complete
 * secondary school two; the families new to a stage are the ones a parent school is meant to reach first.
 */
export const STARTING_GRADE_LEVELS: readonly number[] = [1, 7, 10];

export function isStartingGrade(level: number | null | undefined): boolean {
  return level != null && STARTING_GRADE_LEVELS.includes(level);
}

/**
 * A guardian holds the certificate of a school year once the lectures they attended in it add up to the
 * required hours. No city publishes a separate definition: Changzhou asks that half of the first-year
 * parents earn one, and the course a certificate completes is the year's parent course (8 hours, Jinan's
 * published figure). Counting attended hours rather than lectures keeps a guardian who came to two long
 * lectures level with one who came to four short ones; a lecture marked both by the guardian and by staff
 * is one attendance (the store keeps one row per lecture and guardian).
 */
export function holdsParentCertificate(attendedHours: number, requiredHours: number): boolean {
  return requiredHours > 0 && attendedHours >= requiredHours;
}
