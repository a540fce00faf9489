// Minimisation for the handful of positive parameters of the lifetime models, fitted on their
// logarithms: BFGS on an analytic gradient, and the checks of what a fit found.

export interface Minimum {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

/**
 * Whether a minimum of `f` is pinned down in every direction: the Hessian of `f` at `x` (by
 * central differences of step `h`) has every eigenvalue at least `min` — tested by a Cholesky
 * factorisation of H − min·I, which exists only then. A fit whose likelihood is flat in some
 * direction (a parameter drifting towards the edge of the space) fails it, however well the
 * search settled.
 */
export function curvedAtLeast(f: (x: number[]) => number, x: number[], min: number, h = 1e-3): boolean {
  const n = x.length;
  const H = hessian(f, x, h);
  for (let i = 0; i < n; i++) H[i][i] -= min;
  // Cholesky in place; a pivot ≤ 0 (or not a number) means an eigenvalue below `min`.
  for (let j = 0; j < n; j++) {
    let d = H[j][j];
    for (let k = 0; k < j; k++) d -= H[j][k] * H[j][k];
    if (!(d > 0)) return false;
    const root = Math.sqrt(d);
    H[j][j] = root;
    for (let i = j + 1; i < n; i++) {
      let v = H[i][j];
      for (let k = 0; k < j; k++) v -= H[i][k] * H[j][k];
      H[i][j] = v / root;
    }
  }
  return true;
}

/**
 * BFGS minimisation with an analytic gradient (Nocedal & Wright, alg. 6.1): the inverse
 * Hessian built from the steps, scaled after the first, and a backtracking line search on the
 * Armijo condition. For smooth likelihoods it needs tens of evaluations where the simplex
 * needs hundreds. `fg` returns the value and writes the gradient into `g`.
 */
export function bfgs(fg: (x: number[], g: number[]) => number, start: number[], { maxIterations = 200, gradientTolerance = 1e-6 } = {}): Minimum {
  const n = start.length;
  let x = start.slice();
  let g = new Array<number>(n).fill(0);
  let f = fg(x, g);
  let H = identity(n);
  let scaled = false;
  let stalled = 0;
  for (let iterations = 0; iterations < maxIterations; iterations++) {
    if (Math.max(...g.map(Math.abs)) <= gradientTolerance * Math.max(1, Math.abs(f))) return { x, value: f, iterations, converged: true };
    let d = H.map((row) => -row.reduce((s, h, j) => s + h * g[j], 0));
    let slope = d.reduce((s, v, j) => s + v * g[j], 0);
    if (!(slope < 0)) {
      // Not a descent direction (a poor curvature estimate): start again from steepest descent.
      H = identity(n);
      d = g.map((v) => -v);
      slope = -g.reduce((s, v) => s + v * v, 0);
    }
    let step = 1;
    const next = new Array<number>(n);
    const gNext = new Array<number>(n).fill(0);
    let fNext = Infinity;
    for (let k = 0; k < 60; k++, step *= 0.5) {
      for (let j = 0; j < n; j++) next[j] = x[j] + step * d[j];
      fNext = fg(next, gNext);
      if (fNext <= f + 1e-4 * step * slope) break;
    }
    if (!(fNext <= f + 1e-4 * step * slope)) return { x, value: f, iterations, converged: Math.max(...g.map(Math.abs)) <= 1e-3 * Math.max(1, Math.abs(f)) };
    const s = next.map((v, j) => v - x[j]);
    const y = gNext.map((v, j) => v - g[j]);
    const sy = s.reduce((a, v, j) => a + v * y[j], 0);
    if (sy > 1e-12) {
      if (!scaled) {
        const yy = y.reduce((a, v) => a + v * v, 0);
        H = identity(n).map((row) => row.map((v) => (v * sy) / yy));
        scaled = true;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
      const rho = 1 / sy;
      const Hy = H.map((row) => row.reduce((a, h, j) => a + h * y[j], 0));
      const yHy = y.reduce((a, v, j) => a + v * Hy[j], 0);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) H[i][j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
      }
    }
    const change = Math.abs(f - fNext);
    x = next.slice();
    g = gNext.slice();
    f = fNext;
    if (change <= 1e-14 * Math.max(1, Math.abs(f)) && Math.max(...g.map(Math.abs)) <= 1e-3) return { x, value: f, iterations, converged: true };
    // Creeping along a flat valley (a parameter heading for the edge of the space): stop, unsettled.
    stalled = change <= 1e-10 * Math.max(1, Math.abs(f)) ? stalled + 1 : 0;
    if (stalled >= 5) return { x, value: f, iterations, converged: false };
  }
  return { x, value: f, iterations: maxIterations, converged: false };
}

const identity = (n: number): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));

/** The Hessian of `f` at `x` by central differences of step `h`. */
export function hessian(f: (x: number[]) => number, x: number[], h = 1e-4): number[][] {
  const n = x.length;
  const at = (di: number, dx: number, dj: number, dy: number) => {
    const p = x.slice();
    p[di] += dx;
    p[dj] += dy;
    return f(p);
  };
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) H[i][j] = H[j][i] = (at(i, h, j, h) - at(i, h, j, -h) - at(i, -h, j, h) + at(i, -h, j, -h)) / (4 * h * h);
  return H;
}

/** The inverse of a small symmetric positive-definite matrix (Gauss–Jordan); null when singular. */
export function inverse(m: number[][]): number[][] | null {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...identity(n)[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    if (!(Math.abs(a[p][c]) > 1e-300)) return null;
    [a[c], a[p]] = [a[p], a[c]];
    const d = a[c][c];
    for (let j = 0; j < 2 * n; j++) a[c][j] /= d;
    for (let r = 0; r < n; r++) if (r !== c) {
      const k = a[r][c];
      for (let j = 0; j < 2 * n; j++) a[r][j] -= k * a[c][j];
    }
  }
  return a.map((row) => row.slice(n));
}
