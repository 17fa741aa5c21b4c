/** mulberry32: a tiny seeded PRNG, so the demo city is the same on every machine. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof seededRandom>;

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const GIVEN_M =
  '浩宇轩然博文子涵俊杰明哲一鸣思远泽宇昊天梓豪宇航睿达嘉懿煜城懿轩烨伟苑博伟泽熠彤鸿煊博涛烨霖烨华煜祺智宸正豪昊然明杰立诚立轩立辉峻熙弘文熠彤鸿涛'.split(
    '',
  );
const GIVEN_F =
  '欣怡梓涵诗涵雨桐可馨紫萱思彤梦琪语嫣若汐欣妍佳怡雅静晨曦沐晴依诺雨萱婉清芷若静怡梦瑶一诺安琪心怡子萱思雨悦彤晓彤馨予语桐书瑶'.split(
    '',
  );

export function chineseName(rnd: Random, gender: 'male' | 'female'): string {
  const pool = gender === 'male' ? GIVEN_M : GIVEN_F;
  const given = rnd.chance(0.7) ? rnd.pick(pool) + rnd.pick(pool) : rnd.pick(pool);
  return rnd.pick(SURNAMES) + given;
}

export function adultName(rnd: Random, surname: string, gender: 'male' | 'female'): string {
  const pool = gender === 'male' ? GIVEN_M : GIVEN_F;
  return surname + rnd.pick(pool) + (rnd.chance(0.5) ? rnd.pick(pool) : '');
}
