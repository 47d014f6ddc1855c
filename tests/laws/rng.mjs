// A small seeded pseudo-random generator (sfc32 seeded through splitmix32), so that a law test
// run is reproducible from one integer seed.

function splitmix32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Rng {
  constructor(seed) {
    const sm = splitmix32(seed);
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  u32() {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  float() {
    return this.u32() / 4294967296;
  }

  /** An integer in [lo, hi] (both inclusive). */
  int(lo, hi) {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** true with probability p. */
  chance(p) {
    return this.float() < p;
  }

  /** A random element of a non-empty array. */
  pick(items) {
    return items[Math.floor(this.float() * items.length)];
  }

  /** A random element, chosen with the given weights ([[weight, value], ...]). */
  weighted(entries) {
    const total = entries.reduce((s, [w]) => s + w, 0);
    let x = this.float() * total;
    for (const [w, v] of entries) {
      if ((x -= w) < 0) return v;
    }
    return entries[entries.length - 1][1];
  }

  /** A shuffled copy. */
  shuffle(items) {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** A random subset (each item kept with probability p), in the original order. */
  subset(items, p = 0.5) {
    return items.filter(() => this.chance(p));
  }

  /** An independent generator derived from this one (for sub-tasks that must not shift the rest). */
  fork() {
    return new Rng(this.u32());
  }
}
