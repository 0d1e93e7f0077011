import nextJest from "next/jest.js";

const createJestConfig = nextJest({ dir: "./" });

/** @type {import('jest').Config} */
export default createJestConfig({
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["<rootDir>/tests/**/*.test.{ts,tsx}"],
  testPathIgnorePatterns: ["<rootDir>/tests/e2e/"],
  moduleNameMapper: { "^@/(.*)$": "<rootDir>/$1" },
  testTimeout: 30000,
  // Two workers on the 2-core machine, each replaced once it has grown past
  // 1 GB: one in-band process kept every file's modules and PGlite instances
  // (2 GB by the end) and ran the PGlite suite in 643 s; this way 295 s.
  maxWorkers: 2,
  workerIdleMemoryLimit: "1GB",
});
