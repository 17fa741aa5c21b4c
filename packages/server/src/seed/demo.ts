import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role, ScopeLevel } from '@yuxin/core';
import type { Insertable, Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import { generateInitialPassword, hashPassword } from '../auth/passwords.js';
import type { Config } from '../config.js';
import type { Database, OrgUnitTable, StudentTable } from '../db/types.js';
import { className, gradeName, STAGE_GRADES } from './grades.js';
import { enrolDemoStaff } from './demo-two-factor.js';
import { adultName, chineseName, seededRandom } from './random.js';
import type { DemoSignIn } from './demo-sign-in.js';

export interface DemoCity {
  password: string;
  accounts: DemoSignIn[];
  /** Demo staff's TOTP secrets by username (seed/demo-two-factor.ts); only in the demo's data directory. */
  twoFactorSecrets?: Record<string, string>;
}

const SCHOOL_YEAR = '2026-2027';
const CARE_TAGS = ['left_behind', 'migrant', 'single_parent', 'disability', 'low_income', 'bereaved', 'bullied'];

interface SchoolPlan {
  zh: string;
  en: string;
  stage: 'primary' | 'junior' | 'senior';
  classesPerGrade: number;
  classSize: number;
}

const DISTRICTS: Array<{ zh: string; en: string; code: string; schools: SchoolPlan[] }> = [
  {
    zh: '东城区',
    en: 'Dongcheng District',
    code: '01',
    schools: [
      {
        zh: '东城第一实验小学',
        en: 'Dongcheng No.1 Experimental Primary School',
        stage: 'primary',
        classesPerGrade: 2,
        classSize: 40,
      },
      { zh: '东城育才小学', en: 'Dongcheng Yucai Primary School', stage: 'primary', classesPerGrade: 2, classSize: 38 },
      {
        zh: '东城第一初级中学',
        en: 'Dongcheng No.1 Junior Middle School',
        stage: 'junior',
        classesPerGrade: 4,
        classSize: 45,
      },
      { zh: '东城高级中学', en: 'Dongcheng Senior High School', stage: 'senior', classesPerGrade: 4, classSize: 46 },
    ],
  },
  {
    zh: '西城区',
    en: 'Xicheng District',
    code: '02',
    schools: [
      {
        zh: '西城实验小学',
        en: 'Xicheng Experimental Primary School',
        stage: 'primary',
        classesPerGrade: 2,
        classSize: 41,
      },
      {
        zh: '西城阳光小学',
        en: 'Xicheng Sunshine Primary School',
        stage: 'primary',
        classesPerGrade: 2,
        classSize: 39,
      },
      {
        zh: '西城第二初级中学',
        en: 'Xicheng No.2 Junior Middle School',
        stage: 'junior',
        classesPerGrade: 4,
        classSize: 44,
      },
      {
        zh: '西城第一高级中学',
        en: 'Xicheng No.1 Senior High School',
        stage: 'senior',
        classesPerGrade: 4,
        classSize: 45,
      },
    ],
  },
  {
    zh: '南湖区',
    en: 'Nanhu District',
    code: '03',
    schools: [
      { zh: '南湖小学', en: 'Nanhu Primary School', stage: 'primary', classesPerGrade: 2, classSize: 40 },
      { zh: '南湖新区小学', en: 'Nanhu New Area Primary School', stage: 'primary', classesPerGrade: 2, classSize: 37 },
      { zh: '南湖初级中学', en: 'Nanhu Junior Middle School', stage: 'junior', classesPerGrade: 4, classSize: 43 },
      { zh: '南湖高级中学', en: 'Nanhu Senior High School', stage: 'senior', classesPerGrade: 4, classSize: 44 },
    ],
  },
];

function credentialsFile(config: Config) {
  return join(config.dataDir, 'demo-sign-ins.json');
}

/**
 * Seeds the demo city on first start (an empty database) and returns its sign-ins; on later starts it
 * returns the saved sign-ins. The demo password comes from YUXIN_DEMO_PASSWORD or is generated once.
 */
export async function ensureDemoCity(
  db: Kysely<Database>,
  config: Config,
  log: (msg: string) => void,
): Promise<DemoCity | null> {
  const existing = await db.selectFrom('org_unit').select('id').where('kind', '=', 'city').limit(1).executeTakeFirst();
  const file = credentialsFile(config);
  if (existing) {
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoCity;
    return null;
  }
  const password = config.demoPassword ?? generateInitialPassword(12);
  const started = Date.now();
  log('seeding the demo city (first start)…');
  const demo: DemoCity = { ...(await seedDemoCity(db, password)), twoFactorSecrets: await enrolDemoStaff(db) };
  // Answered questionnaires and their alerts, so reports and charts are not empty (issue 17.21). Only on a
  // first start: the test databases seed the city without them, so their counts stay their own.
  const city = await db.selectFrom('org_unit').select('id').where('kind', '=', 'city').executeTakeFirstOrThrow();
  const activity = await (
    await import('./demo-activity.js')
  ).seedDemoActivity(db, { cityId: city.id, accounts: demo.accounts });
  log(
    `demo activity: ${activity.submitted} questionnaires answered, ${activity.crises} crisis alerts` +
      (activity.closedCaseId ? ', one worked to a closed case' : ''),
  );
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(demo, null, 2), { mode: 0o600 });
  log(`demo city seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return demo;
}

export async function seedDemoCity(db: Kysely<Database>, password: string, seed = 20261123): Promise<DemoCity> {
  const rnd = seededRandom(seed);
  const sharedHash = await hashPassword(password);
  const cityId = randomUUID();
  const units: Insertable<OrgUnitTable>[] = [
    {
      id: cityId,
      kind: 'city',
      parent_id: null,
      city_id: cityId,
      district_id: null,
      school_id: null,
      grade_id: null,
      code: 'C',
      name_zh: '育心示范市',
      name_en: 'Yuxin Demo City',
      stage: null,
      grade_level: null,
      class_no: null,
      sort: 0,
    },
  ];
  const students: Insertable<StudentTable>[] = [];
  const schools: Array<{
    id: string;
    districtId: string;
    stage: string;
    zh: string;
    classes: Array<{ id: string; gradeId: string; level: number; no: number }>;
  }> = [];
  const districts: Array<{ id: string; zh: string }> = [];

  DISTRICTS.forEach((d, di) => {
    const districtId = randomUUID();
    districts.push({ id: districtId, zh: d.zh });
    units.push({
      id: districtId,
      kind: 'district',
      parent_id: cityId,
      city_id: cityId,
      district_id: districtId,
      school_id: null,
      grade_id: null,
      code: d.code,
      name_zh: d.zh,
      name_en: d.en,
      stage: null,
      grade_level: null,
      class_no: null,
      sort: di,
    });
    d.schools.forEach((s, si) => {
      const schoolId = randomUUID();
      const school = {
        id: schoolId,
        districtId,
        stage: s.stage,
        zh: s.zh,
        classes: [] as Array<{ id: string; gradeId: string; level: number; no: number }>,
      };
      schools.push(school);
      units.push({
        id: schoolId,
        kind: 'school',
        parent_id: districtId,
        city_id: cityId,
        district_id: districtId,
        school_id: schoolId,
        grade_id: null,
        code: `${d.code}${String(si + 1).padStart(2, '0')}`,
        name_zh: s.zh,
        name_en: s.en,
        stage: s.stage,
        grade_level: null,
        class_no: null,
        sort: si,
      });
      let seq = 0;
      for (const level of STAGE_GRADES[s.stage]!) {
        const gradeId = randomUUID();
        const gn = gradeName(level);
        units.push({
          id: gradeId,
          kind: 'grade',
          parent_id: schoolId,
          city_id: cityId,
          district_id: districtId,
          school_id: schoolId,
          grade_id: gradeId,
          code: null,
          name_zh: gn.zh,
          name_en: gn.en,
          stage: null,
          grade_level: level,
          class_no: null,
          sort: level,
        });
        for (let no = 1; no <= s.classesPerGrade; no++) {
          const classId = randomUUID();
          const cn = className(no);
          units.push({
            id: classId,
            kind: 'class',
            parent_id: gradeId,
            city_id: cityId,
            district_id: districtId,
            school_id: schoolId,
            grade_id: gradeId,
            code: null,
            name_zh: cn.zh,
            name_en: cn.en,
            stage: null,
            grade_level: level,
            class_no: no,
            sort: no,
          });
          school.classes.push({ id: classId, gradeId, level, no });
          const size = s.classSize + rnd.int(-3, 2);
          for (let k = 0; k < size; k++) {
            seq++;
            const gender = rnd.chance(0.51) ? 'male' : 'female';
            const birthYear = 2026 - level - 6 + (rnd.chance(0.15) ? -1 : 0);
            const tags = rnd.chance(0.14) ? [rnd.pick(CARE_TAGS)] : [];
            if (tags.length && rnd.chance(0.15)) tags.push(rnd.pick(CARE_TAGS.filter((t) => t !== tags[0])));
            students.push({
              id: randomUUID(),
              city_id: cityId,
              district_id: districtId,
              school_id: schoolId,
              grade_id: gradeId,
              class_id: classId,
              student_no: `G${birthYear}${d.code}${String(si + 1).padStart(2, '0')}${String(seq).padStart(5, '0')}`,
              name: chineseName(rnd, gender),
              gender,
              birth_date: `${birthYear}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
              boarding: s.stage === 'senior' ? rnd.chance(0.6) : s.stage === 'junior' ? rnd.chance(0.2) : false,
              care_tags: tags,
              updated_at: new Date(),
            });
          }
        }
      }
    });
  });

  const hospitalId = randomUUID();
  // A second partner hospital, so a doctor with no referral from this city's schools can be shown nothing.
  const otherHospitalId = randomUUID();
  const accounts: DemoSignIn[] = [];

  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('school_year')
      .values({
        city_id: cityId,
        code: SCHOOL_YEAR,
        starts_on: '2026-09-01',
        ends_on: '2027-07-10',
        term1_ends_on: '2027-01-22',
        is_current: true,
      })
      .execute();
    await insertBatched(tx, 'org_unit', units);
    await tx
      .insertInto('hospital')
      .values([
        {
          id: hospitalId,
          city_id: cityId,
          name_zh: '育心示范市精神卫生中心',
          name_en: 'Yuxin Demo City Mental Health Centre',
        },
        {
          id: otherHospitalId,
          city_id: cityId,
          name_zh: '育心示范市第二人民医院',
          name_en: "Yuxin Demo City Second People's Hospital",
        },
      ])
      .execute();
    await insertBatched(tx, 'student', students);
    await insertBatched(
      tx,
      'enrollment',
      students.map((s) => ({
        student_id: s.id!,
        city_id: cityId,
        district_id: s.district_id,
        school_id: s.school_id,
        grade_id: s.grade_id,
        class_id: s.class_id,
        school_year: SCHOOL_YEAR,
        started_at: new Date('2026-09-01T00:00:00Z'),
      })),
    );

    const guardians: Array<{ id: string; city_id: string; name: string; phone: string }> = [];
    const links: Array<{
      student_id: string;
      guardian_id: string;
      relation: string;
      district_id: string;
      school_id: string;
    }> = [];
    students.forEach((s, i) => {
      const mother = rnd.chance(0.55);
      const guardianId = randomUUID();
      guardians.push({
        id: guardianId,
        city_id: cityId,
        name: adultName(
          rnd,
          mother ? chineseName(rnd, 'female').slice(0, 1) : s.name.slice(0, 1),
          mother ? 'female' : 'male',
        ),
        phone: `139${String(10_000_000 + i).padStart(8, '0')}`,
      });
      links.push({
        student_id: s.id!,
        guardian_id: guardianId,
        relation: mother ? 'mother' : 'father',
        district_id: s.district_id,
        school_id: s.school_id,
      });
    });
    await insertBatched(tx, 'guardian', guardians);
    await insertBatched(tx, 'student_guardian', links);

    // Staff for every school: a leader, psychology teachers, a head teacher per class.
    const accountRows: Array<Insertable<Database['user_account']>> = [];
    const bindingRows: Array<Insertable<Database['role_binding']>> = [];
    const addAccount = (a: {
      username: string;
      name: string;
      kind: 'staff' | 'student' | 'guardian';
      districtId: string | null;
      schoolId: string | null;
      studentId?: string;
      guardianId?: string;
      fullTime?: boolean;
    }) => {
      const id = randomUUID();
      accountRows.push({
        id,
        kind: a.kind,
        username: a.username,
        display_name: a.name,
        password_hash: sharedHash,
        student_id: a.studentId ?? null,
        guardian_id: a.guardianId ?? null,
        city_id: cityId,
        district_id: a.districtId,
        school_id: a.schoolId,
        full_time: a.fullTime ?? null,
        locale: 'zh-CN',
        must_change_password: false,
        activated_at: null,
        disabled_at: null,
        locked_until: null,
        password_changed_at: null,
      });
      return id;
    };
    const bind = (
      userId: string,
      role: Role,
      level: ScopeLevel,
      scopeId: string,
      districtId: string | null,
      schoolId: string | null,
    ) =>
      bindingRows.push({
        user_id: userId,
        role,
        scope_level: level,
        scope_id: scopeId,
        city_id: cityId,
        district_id: districtId,
        school_id: schoolId,
        granted_by: null,
      });
    const demo = (role: Role, username: string, scope: string) => accounts.push({ role, username, scope });

    schools.forEach((school, si) => {
      const code = String(si + 1).padStart(2, '0');
      const leader = addAccount({
        username: `leader${code}`,
        name: adultName(rnd, chineseName(rnd, 'male').slice(0, 1), 'male'),
        kind: 'staff',
        districtId: school.districtId,
        schoolId: school.id,
      });
      bind(leader, 'school_leader', 'school', school.id, school.districtId, school.id);
      const psychCount = school.stage === 'primary' ? 1 : 2;
      for (let p = 1; p <= psychCount; p++) {
        const psych = addAccount({
          username: `psych${code}${p > 1 ? `-${p}` : ''}`,
          name: adultName(rnd, chineseName(rnd, 'female').slice(0, 1), 'female'),
          kind: 'staff',
          districtId: school.districtId,
          schoolId: school.id,
          fullTime: p === 1,
        });
        bind(psych, 'psych_teacher', 'school', school.id, school.districtId, school.id);
      }
      for (const c of school.classes) {
        const head = addAccount({
          username: `head${code}-${c.level}-${c.no}`,
          name: adultName(rnd, chineseName(rnd, 'female').slice(0, 1), rnd.chance(0.6) ? 'female' : 'male'),
          kind: 'staff',
          districtId: school.districtId,
          schoolId: school.id,
        });
        bind(head, 'head_teacher', 'class', c.id, school.districtId, school.id);
      }
    });

    // The demo cast lives in 东城第一初级中学 (school 03), class 八年级1班; a second school supplies the
    // cross-school counterparts every access test needs.
    const home = schools[2]!;
    const other = schools[6]!;
    const homeClass = home.classes.find((c) => c.level === 8 && c.no === 1)!;
    const homeSchoolIndex = '03';
    demo('school_leader', `leader${homeSchoolIndex}`, home.zh);
    demo('psych_teacher', `psych${homeSchoolIndex}`, home.zh);
    demo('head_teacher', `head${homeSchoolIndex}-8-1`, `${home.zh} 八年级1班`);
    demo('psych_teacher', 'psych07', `${other.zh}（跨校对照）`);

    const cityAdmin = addAccount({
      username: 'admin',
      name: '系统管理员',
      kind: 'staff',
      districtId: null,
      schoolId: null,
    });
    bind(cityAdmin, 'system_admin', 'city', cityId, null, null);
    demo('system_admin', 'admin', '育心示范市');
    const districtAdmin = addAccount({
      username: 'dadmin01',
      name: '东城区管理员',
      kind: 'staff',
      districtId: districts[0]!.id,
      schoolId: null,
    });
    bind(districtAdmin, 'system_admin', 'district', districts[0]!.id, districts[0]!.id, null);
    demo('system_admin', 'dadmin01', districts[0]!.zh);
    const schoolAdmin = addAccount({
      username: 'sadmin03',
      name: '学校信息管理员',
      kind: 'staff',
      districtId: home.districtId,
      schoolId: home.id,
    });
    bind(schoolAdmin, 'system_admin', 'school', home.id, home.districtId, home.id);
    demo('system_admin', 'sadmin03', home.zh);
    const cityStaff = addAccount({
      username: 'citycenter',
      name: adultName(rnd, '周', 'female'),
      kind: 'staff',
      districtId: null,
      schoolId: null,
    });
    bind(cityStaff, 'city_staff', 'city', cityId, null, null);
    demo('city_staff', 'citycenter', '市学生心理健康指导中心');
    districts.forEach((d, di) => {
      const u = addAccount({
        username: `district0${di + 1}`,
        name: adultName(rnd, '李', 'male'),
        kind: 'staff',
        districtId: d.id,
        schoolId: null,
      });
      bind(u, 'district_staff', 'district', d.id, d.id, null);
    });
    demo('district_staff', 'district01', `${districts[0]!.zh}学生心理健康指导中心`);
    const supervisor = addAccount({
      username: 'supervisor',
      name: adultName(rnd, '孙', 'male'),
      kind: 'staff',
      districtId: null,
      schoolId: null,
    });
    bind(supervisor, 'supervisor', 'city', cityId, null, null);
    demo('supervisor', 'supervisor', '育心示范市');
    const doctor = addAccount({
      username: 'doctor',
      name: adultName(rnd, '钱', 'female'),
      kind: 'staff',
      districtId: null,
      schoolId: null,
    });
    bind(doctor, 'hospital_doctor', 'hospital', hospitalId, null, null);
    demo('hospital_doctor', 'doctor', '育心示范市精神卫生中心');
    // The doctor of the second hospital: a referral routed there is answered by this account.
    const otherDoctor = addAccount({
      username: 'doctor02',
      name: adultName(rnd, '冯', 'male'),
      kind: 'staff',
      districtId: null,
      schoolId: null,
    });
    bind(otherDoctor, 'hospital_doctor', 'hospital', otherHospitalId, null, null);
    demo('hospital_doctor', 'doctor02', '育心示范市第二人民医院');
    const hotline = addAccount({
      username: 'hotline',
      name: adultName(rnd, '郑', 'female'),
      kind: 'staff',
      districtId: null,
      schoolId: null,
    });
    bind(hotline, 'hotline_counselor', 'city', cityId, null, null);
    demo('hotline_counselor', 'hotline', '12355 青少年心理热线');

    // Students of the demo class with accounts: the first is the demo student, the second the class's
    // peer supporter. Other students get accounts when credentials are printed for their class.
    const classStudents = students.filter((s) => s.class_id === homeClass.id);
    const [demoStudent, peer] = classStudents as [Insertable<StudentTable>, Insertable<StudentTable>];
    const studentAccount = addAccount({
      username: demoStudent.student_no,
      name: demoStudent.name,
      kind: 'student',
      districtId: home.districtId,
      schoolId: home.id,
      studentId: demoStudent.id!,
    });
    bind(studentAccount, 'student', 'person', demoStudent.id!, home.districtId, home.id);
    demo('student', demoStudent.student_no, `${demoStudent.name} · 八年级1班`);
    const peerAccount = addAccount({
      username: peer.student_no,
      name: peer.name,
      kind: 'student',
      districtId: home.districtId,
      schoolId: home.id,
      studentId: peer.id!,
    });
    bind(peerAccount, 'student', 'person', peer.id!, home.districtId, home.id);
    bind(peerAccount, 'peer_supporter', 'class', homeClass.id, home.districtId, home.id);
    demo('peer_supporter', peer.student_no, `${peer.name} · 八年级1班心理委员`);
    const guardianIndex = students.indexOf(demoStudent);
    const guardian = guardians[guardianIndex]!;
    const guardianAccount = addAccount({
      username: guardian.phone,
      name: guardian.name,
      kind: 'guardian',
      districtId: home.districtId,
      schoolId: home.id,
      guardianId: guardian.id,
    });
    bind(guardianAccount, 'guardian', 'person', demoStudent.id!, home.districtId, home.id);
    demo('guardian', guardian.phone, `${guardian.name}（${demoStudent.name}的家长）`);
    // The rest of the school's warning network: they file observations and read nothing back. Seeded last
    // so the names drawn above stay what they were.
    const teacher = addAccount({
      username: `teacher${homeSchoolIndex}`,
      name: adultName(rnd, chineseName(rnd, 'female').slice(0, 1), 'female'),
      kind: 'staff',
      districtId: home.districtId,
      schoolId: home.id,
    });
    bind(teacher, 'teacher', 'school', home.id, home.districtId, home.id);
    demo('teacher', `teacher${homeSchoolIndex}`, `${home.zh} 任课教师`);
    const dormStaff = addAccount({
      username: `dorm${homeSchoolIndex}`,
      name: adultName(rnd, chineseName(rnd, 'male').slice(0, 1), 'male'),
      kind: 'staff',
      districtId: home.districtId,
      schoolId: home.id,
    });
    bind(dormStaff, 'dormitory_staff', 'school', home.id, home.districtId, home.id);
    demo('dormitory_staff', `dorm${homeSchoolIndex}`, `${home.zh} 宿管`);

    await insertBatched(tx, 'user_account', accountRows);
    await insertBatched(tx, 'role_binding', bindingRows);
    await appendAudit(tx, {
      userId: null,
      username: 'system',
      bindingId: null,
      role: null,
      action: 'seed.demo_city',
      targetType: 'city',
      targetId: cityId,
      cityId,
      districtId: null,
      schoolId: null,
      outcome: 'success',
      requestId: null,
      detail: { students: students.length, schools: schools.length },
    });
  });
  await (await import('./demo-screening.js')).seedDemoScreening(db, { cityId, accounts });
  await (await import('./demo-counseling.js')).seedDemoCounseling(db, { cityId });
  return { password, accounts };
}

async function insertBatched<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: Array<Insertable<Database[T]>>,
  size = 500,
) {
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size))
      .execute();
  }
}
