// The timing comparison of the enumeration tests (timing project): `pairs` interleaved runs of two kinds
// of request in alternating order, so drift and load on two shared cores fall on both sides alike. The
// medians catch a gross difference; the count of pairs in which the first kind was slower is the sharp
// test (a sign test): a real difference makes it slower in nearly every pair.

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2;
};

/** Each run returns the milliseconds its request took (and may assert on the answer). */
export async function interleavedPairs(pairs: number, first: (i: number) => Promise<number>, second: (i: number) => Promise<number>) {
  const a: number[] = [];
  const b: number[] = [];
  let firstSlower = 0;
  for (let i = 0; i < pairs; i++) {
    let x: number, y: number;
    if (i % 2 === 0) {
      x = await first(i);
      y = await second(i);
    } else {
      y = await second(i);
      x = await first(i);
    }
    a.push(x);
    b.push(y);
    if (x > y) firstSlower++;
  }
  return { first: median(a), second: median(b), firstSlower };
}
