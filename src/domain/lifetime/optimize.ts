// Nelder–Mead minimisation (Lagarias et al. 1998 coefficients): derivative-free, for the
// handful of positive parameters of the lifetime models, fitted on their logarithms.

export interface Minimum {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

export function nelderMead(f: (x: number[]) => number, start: number[], { maxIterations = 2000, tolerance = 1e-10, sizeTolerance = 1e-8, step = 0.5 } = {}): Minimum {
  const n = start.length;
  const simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))];
  let values = simplex.map(f);
  let iterations = 0;
  const order = () => {
    const idx = simplex.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const s = idx.map((i) => simplex[i]);
    const v = idx.map((i) => values[i]);
    simplex.splice(0, simplex.length, ...s);
    values = v;
  };
  order();
  for (; iterations < maxIterations; iterations++) {
    const spread = Math.abs(values[n] - values[0]);
    const size = Math.max(...simplex.slice(1).map((p) => Math.max(...p.map((v, j) => Math.abs(v - simplex[0][j])))));
    if (spread <= tolerance * (Math.abs(values[0]) + tolerance) && size <= sizeTolerance) return { x: simplex[0], value: values[0], iterations, converged: true };
    const centroid = start.map((_, j) => simplex.slice(0, n).reduce((s, p) => s + p[j], 0) / n);
    const along = (t: number) => centroid.map((c, j) => c + t * (simplex[n][j] - c));
    const reflected = along(-1);
    const fr = f(reflected);
    if (fr < values[0]) {
      const expanded = along(-2);
      const fe = f(expanded);
      if (fe < fr) (simplex[n] = expanded), (values[n] = fe);
      else (simplex[n] = reflected), (values[n] = fr);
    } else if (fr < values[n - 1]) {
      simplex[n] = reflected;
      values[n] = fr;
    } else {
      const outside = fr < values[n];
      const contracted = along(outside ? -0.5 : 0.5);
      const fc = f(contracted);
      if (fc < (outside ? fr : values[n])) {
        simplex[n] = contracted;
        values[n] = fc;
      } else {
        // Shrink towards the best point.
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i].map((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j]));
          values[i] = f(simplex[i]);
        }
      }
    }
    order();
  }
  return { x: simplex[0], value: values[0], iterations, converged: false };
}

/**
 * Whether a minimum of `f` is pinned down in every direction: the Hessian of `f` at `x` (by
 * central differences of step `h`) has every eigenvalue at least `min` — tested by a Cholesky
 * factorisation of H − min·I, which exists only then. A fit whose likelihood is flat in some
 * direction (a parameter drifting towards the edge of the space) fails it, however well the
 * simplex settled.
 */
export function curvedAtLeast(f: (x: number[]) => number, x: number[], min: number, h = 1e-3): boolean {
  const n = x.length;
  const at = (di: number, dx: number, dj: number, dy: number) => {
    const p = x.slice();
    p[di] += dx;
    p[dj] += dy;
    return f(p);
  };
  const H: number[][] = Array.from({ length: n }, () => new Array(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      H[i][j] = H[j][i] = (at(i, h, j, h) - at(i, h, j, -h) - at(i, -h, j, h) + at(i, -h, j, -h)) / (4 * h * h);
    }
    H[i][i] -= min;
  }
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
