// Prints one line per failed test (or per file that failed outside a test) of a vitest JSON report.
// CI keeps only the tail of its output, so .ci/run prints these right above the totals.
const [, , report] = process.argv;
const result = require(require('node:path').resolve(report));
const firstLine = (text) =>
  String(text ?? '')
    .split('\n')[0]
    .slice(0, 300);
for (const file of result.testResults) {
  const failedTests = file.assertionResults.filter((test) => test.status === 'failed');
  for (const test of failedTests)
    console.log(`FAILED ${report}: ${test.fullName} -- ${firstLine(test.failureMessages[0])}`);
  if (file.status === 'failed' && failedTests.length === 0)
    console.log(`FAILED ${report}: ${file.name} -- ${firstLine(file.message)}`);
}
