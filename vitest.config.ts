import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Type tests (expectTypeOf, @ts-expect-error) also run through tsc, so a type regression fails `npm test`;
    // they still run as ordinary tests for their runtime assertions.
    typecheck: { enabled: true, include: ["test/**/types.test.ts"], tsconfig: "./tsconfig.json" },
  },
});
