import { describe, expect, it } from 'vitest';
import { mapHeader } from './columns.js';
import { sniffFile, toUtf8 } from '../spreadsheets/read.js';
import { cellText, parseClassNo, parseGradeLevel, zhNumber } from '../spreadsheets/cells.js';
import {
  parseBirthDate,
  parseBoarding,
  parseCareTags,
  parseGender,
  parsePhone,
  parseRelation,
  parseStudentNo,
} from './values.js';

const today = new Date(2026, 10, 23);
const value = <T>(p: { ok: true; value: T } | { ok: false }) => (p.ok ? p.value : undefined);

describe('roster cell values', () => {
  it('folds full-width characters and Excel text wrappers', () => {
    expect(cellText('  Ｇ１２３４５６ ')).toBe('G123456');
    expect(cellText('="0012345"')).toBe('0012345');
    expect(cellText(13800138000)).toBe('13800138000');
    expect(cellText(new Date(Date.UTC(2012, 2, 5)))).toBe('2012-03-05');
    expect(cellText(null)).toBe('');
  });

  it('reads 学籍号, gender, boarding and relation in either language', () => {
    expect(value(parseStudentNo('g2012030500001'))).toBe('G2012030500001');
    expect(parseStudentNo('12-34').ok).toBe(false);
    expect(parseStudentNo('12345').ok).toBe(false);
    expect(value(parseGender('女'))).toBe('female');
    expect(value(parseGender('Male'))).toBe('male');
    expect(parseGender('男的').ok).toBe(false);
    expect(value(parseBoarding(''))).toBe(false);
    expect(value(parseBoarding('是'))).toBe(true);
    expect(value(parseBoarding('No'))).toBe(false);
    expect(parseBoarding('也许').ok).toBe(false);
    expect(value(parseRelation('外婆'))).toBe('grandparent');
    expect(value(parseRelation('mother'))).toBe('mother');
    expect(parseRelation('叔叔').ok).toBe(false);
  });

  it('accepts dates as text, Excel dates and serial numbers, within school age', () => {
    expect(value(parseBirthDate('2012-03-05', '2012-03-05', today))).toBe('2012-03-05');
    expect(value(parseBirthDate('2012/3/5', '2012/3/5', today))).toBe('2012-03-05');
    expect(value(parseBirthDate('2012年3月5日', '2012年3月5日', today))).toBe('2012-03-05');
    expect(value(parseBirthDate(new Date(Date.UTC(2012, 2, 5)), '', today))).toBe('2012-03-05');
    expect(value(parseBirthDate(40973, '40973', today))).toBe('2012-03-05');
    expect(parseBirthDate('2012-02-30', '2012-02-30', today)).toMatchObject({ ok: false, key: 'date.invalid' });
    expect(parseBirthDate('2027-01-01', '2027-01-01', today)).toMatchObject({ ok: false, key: 'date.future' });
    expect(parseBirthDate('2000-01-01', '2000-01-01', today)).toMatchObject({
      ok: false,
      key: 'date.age',
      params: { age: 26 },
    });
    expect(parseBirthDate('2022-01-01', '2022-01-01', today)).toMatchObject({
      ok: false,
      key: 'date.age',
      params: { age: 4 },
    });
  });

  it('reads care tags by code or Chinese name, with any separator', () => {
    expect(value(parseCareTags('单亲；留守、 贫困'))).toEqual(['left_behind', 'single_parent', 'low_income']);
    expect(value(parseCareTags('bullied;欺凌'))).toEqual(['bullied']);
    expect(value(parseCareTags(''))).toEqual([]);
    expect(parseCareTags('留守;外星')).toMatchObject({ ok: false, params: { value: '外星' } });
  });

  it('normalizes mainland mobile numbers', () => {
    expect(value(parsePhone('+86 138-0013-8000'))).toBe('13800138000');
    expect(parsePhone('12345678901').ok).toBe(false);
    expect(parsePhone('1380013800').ok).toBe(false);
  });

  it('maps grade and class spellings to numbers', () => {
    expect(['七年级', '7', '初一', '初中一年级', 'Grade 7', '7年级', 'Junior 1'].map(parseGradeLevel)).toEqual([
      7, 7, 7, 7, 7, 7, 7,
    ]);
    expect(['高一', '10', '高中一年级', 'Senior 1'].map(parseGradeLevel)).toEqual([10, 10, 10, 10]);
    expect(['一年级', '十二年级', '十三年级', '初四'].map(parseGradeLevel)).toEqual([1, 12, undefined, undefined]);
    expect(['2班', '2', '02', '(2)班', '二班', 'Class 2', '七年级2班', '初一(2)班'].map(parseClassNo)).toEqual([
      2, 2, 2, 2, 2, 2, 2, 2,
    ]);
    expect(['十', '十二', '二十三', '一'].map(zhNumber)).toEqual([10, 12, 23, 1]);
  });
});

describe('roster files', () => {
  it('tells file kinds apart by content', () => {
    expect(sniffFile(Buffer.from('PK\x03\x04rest'), 'x.csv')).toBe('xlsx');
    expect(sniffFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'x.xlsx')).toBe('xls');
    expect(sniffFile(Buffer.from('学籍号,姓名\n'), 'x.txt')).toBe('csv');
    expect(sniffFile(Buffer.alloc(0), 'x.csv')).toBe('empty');
    expect(sniffFile(Buffer.from([1, 2, 0, 4]), 'x.bin')).toBe('unknown');
  });

  it('reads CSV saved by Chinese Excel in GBK, and UTF-8 with a BOM', () => {
    // 学籍号 in GB18030.
    expect(toUtf8(Buffer.from([0xd1, 0xa7, 0xbc, 0xae, 0xba, 0xc5])).toString('utf8')).toBe('学籍号');
    expect(toUtf8(Buffer.from('\ufeff学籍号', 'utf8')).toString('utf8')).toBe('学籍号');
  });

  it('maps headers in either language, in any order, with markers and hints', () => {
    const h = mapHeader([' 班级 ', '*学籍号', 'name', '出生日期(yyyy-mm-dd)', '性别', '年级', '备注']);
    expect(h.index).toEqual({ class: 0, studentNo: 1, name: 2, birthDate: 3, gender: 4, grade: 5 });
    expect(h.written.studentNo).toBe('*学籍号');
    expect(h.missing).toEqual([]);
    expect(mapHeader(['studentNo', 'name', 'studentNo']).duplicates).toEqual([
      { key: 'studentNo', written: 'studentNo' },
    ]);
    expect(mapHeader(['studentNo', 'name']).missing).toEqual(['gender', 'grade', 'class']);
  });
});
