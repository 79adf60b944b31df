/** The part of jstat 1.9.6 that libs/quant uses (the package ships no types). */
declare module 'jstat' {
  interface JStat {
    /** Regularized incomplete beta function I_x(a, b). */
    ibeta(x: number, a: number, b: number): number;
    centralF: { cdf(x: number, df1: number, df2: number): number };
    studentt: { cdf(x: number, dof: number): number };
  }
  export const jStat: JStat;
}
