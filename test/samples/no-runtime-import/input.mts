// No import of @numjit/runtime: the module is passed through untouched.
const jit = <T>(f: T) => f;
export const f = jit((x: number) => x * 2);
