/** A top for a share axis: the next tenth, at most 100%. */
export function niceShare(v: number): number {
  return Math.min(1, Math.ceil(v * 10) / 10);
}

/** A top for a count or score axis whose four gridlines all fall on whole numbers. */
export function niceCount(v: number): number {
  const step = Math.max(1, Math.ceil(v / 4));
  const pow = 10 ** Math.floor(Math.log10(step));
  const niceStep = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= step && Number.isInteger(s)) ?? step;
  return niceStep * 4;
}
