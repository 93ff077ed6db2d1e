// The slice of @babel/core 7's API the Babel front-door test calls (the package ships no types, and
// @types/babel__core would be one more dependency for one function).
declare module "@babel/core" {
  export function transformAsync(code: string, options: object): Promise<{ code?: string | null; map?: object | null } | null>;
}
