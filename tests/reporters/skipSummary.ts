import type { Reporter, TestModule } from 'vitest/node';

/**
 * After the usual summary, names every skipped test with its reason (`ctx.skip('why')`), so a skip is
 * never silent. A skip without a reason is named as such.
 */
export default class SkipSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const module of testModules) {
      // A file whose setup failed reports its tests as skipped; that is a failure, shown above.
      if (module.state() === 'failed') continue;
      for (const test of module.children.allTests('skipped')) {
        const result = test.result();
        const note = result.state === 'skipped' && result.note ? result.note : 'no reason given';
        lines.push(`  - ${module.moduleId.replace(process.cwd() + '/', '')} › ${test.fullName}: ${note}`);
      }
    }
    if (lines.length === 0) return;
    console.log(`\nSkipped tests (${lines.length}):\n${lines.join('\n')}\n`);
  }
}
