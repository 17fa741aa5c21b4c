import { randomUUID } from 'node:crypto';
import { className, gradeName, STAGE_GRADES } from '../../packages/server/src/seed/grades.js';
import { seededRandom, type Random } from '../../packages/server/src/seed/random.js';

export interface PlannedClass {
  id: string;
  gradeId: string;
  level: number;
  no: number;
  size: number;
}
export interface PlannedSchool {
  id: string;
  districtId: string;
  code: string;
  stage: 'primary' | 'junior' | 'senior';
  name: string;
  grades: Array<{ id: string; level: number }>;
  classes: PlannedClass[];
  students: number;
}
export interface CityPlan {
  cityId: string;
  districts: Array<{ id: string; code: string; name: string }>;
  schools: PlannedSchool[];
  students: number;
}

// Realistic Chinese urban school sizes: primary 600–2,000, junior 900–2,400, senior 1,200–3,000; classes of ~45.
const SIZE: Record<PlannedSchool['stage'], [number, number]> = {
  primary: [600, 2000],
  junior: [900, 2400],
  senior: [1200, 3000],
};
const CLASS_SIZE = 45;

function planSchool(
  rnd: Random,
  districtId: string,
  code: string,
  stage: PlannedSchool['stage'],
  target: number,
): PlannedSchool {
  const grades = STAGE_GRADES[stage]!.map((level) => ({ id: randomUUID(), level }));
  const classesPerGrade = Math.max(1, Math.round(target / grades.length / CLASS_SIZE));
  const classes: PlannedClass[] = [];
  let students = 0;
  for (const g of grades) {
    for (let no = 1; no <= classesPerGrade; no++) {
      const size = CLASS_SIZE + rnd.int(-5, 3);
      classes.push({ id: randomUUID(), gradeId: g.id, level: g.level, no, size });
      students += size;
    }
  }
  const stageName = stage === 'primary' ? '小学' : stage === 'junior' ? '初级中学' : '高级中学';
  return {
    id: randomUUID(),
    districtId,
    code,
    stage,
    name: `第${Number(code.slice(-4))}${stageName}`,
    grades,
    classes,
    students,
  };
}

/** Schools are added until the city reaches the student count; about 100 schools make a district. */
export function planCity(totalStudents: number, seed: number): CityPlan {
  const rnd = seededRandom(seed);
  const cityId = randomUUID();
  const districts: CityPlan['districts'] = [];
  const schools: PlannedSchool[] = [];
  let students = 0;
  while (students < totalStudents) {
    if (schools.length % 100 === 0) {
      const n = districts.length + 1;
      districts.push({ id: randomUUID(), code: String(n).padStart(2, '0'), name: `第${n}区` });
    }
    const district = districts[districts.length - 1]!;
    const r = rnd.next();
    const stage: PlannedSchool['stage'] = r < 0.55 ? 'primary' : r < 0.82 ? 'junior' : 'senior';
    const [lo, hi] = SIZE[stage];
    const remaining = totalStudents - students;
    const target = Math.min(rnd.int(lo, hi), Math.max(remaining, 60));
    const school = planSchool(
      rnd,
      district.id,
      `${district.code}${String(schools.length + 1).padStart(4, '0')}`,
      stage,
      target,
    );
    schools.push(school);
    students += school.students;
  }
  return { cityId, districts, schools, students };
}

export { className, gradeName };
