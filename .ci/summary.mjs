// Prints the closing `N passed, N failed` line from vitest's JSON report plus the lint/typecheck
// checks. Skipped and todo tests are not passed: they are reported on their own line. A test file
// that failed to load (no test results) counts as one failure. Exits 1 when anything failed.
import { existsSync, readFileSync } from 'node:fs';

const [reportPath, checksPassed = '0', checksFailed = '0'] = process.argv.slice(2);
let passed = Number(checksPassed);
let failed = Number(checksFailed);
let skipped = 0;

if (!reportPath || !existsSync(reportPath)) {
  console.log('no vitest report was written');
  failed += 1;
} else {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  for (const file of report.testResults) {
    if (file.status === 'failed' && file.assertionResults.length === 0) failed += 1;
    for (const test of file.assertionResults) {
      if (test.status === 'passed') passed += 1;
      else if (test.status === 'failed') failed += 1;
      else skipped += 1;
    }
  }
}
if (skipped > 0) console.log(`${skipped} skipped (not counted as passed)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
