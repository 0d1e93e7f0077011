// Sums jest's --json reports (and the non-test checks) into CI's closing line.
// A report that is missing (the runner crashed) counts as one failure.
import fs from "node:fs";
import path from "node:path";

const [checksPassed, checksFailed, ...reports] = process.argv.slice(2);
let passed = Number(checksPassed);
let failed = Number(checksFailed);
console.log(`checks: ${checksPassed} passed, ${checksFailed} failed`);
for (const file of reports) {
  const name = path.basename(file, ".json");
  if (!fs.existsSync(file)) {
    console.log(`${name}: no report (runner crashed)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  const suiteErrors = report.testResults.filter((r) => r.status === "failed" && r.assertionResults.length === 0).length;
  console.log(`${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${suiteErrors} suites failed to run`);
  passed += report.numPassedTests;
  failed += report.numFailedTests + suiteErrors;
  if (report.numPendingTests > 0 || report.numTodoTests > 0) {
    console.log(`${name}: ${report.numPendingTests + report.numTodoTests} skipped or todo tests are not allowed`);
    failed += report.numPendingTests + report.numTodoTests;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
