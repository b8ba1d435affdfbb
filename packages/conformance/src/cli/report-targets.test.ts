import { describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_FILES, reportTargets } from './report-targets.ts';

const report = (value: string) => ({ name: 'report' as const, value });
const file = (value: string) => ({ name: 'report-file' as const, value });

describe('reportTargets', () => {
  it('pairs each --report-file with the --report before it', () => {
    expect(reportTargets([report('json'), file('a.json'), report('junit'), file('b.xml')])).toEqual([
      { kind: 'json', file: 'a.json' },
      { kind: 'junit', file: 'b.xml' },
    ]);
  });

  it('keeps the default file name of a --report without a file', () => {
    expect(reportTargets([report('junit'), report('json'), file('out.json')])).toEqual([
      { kind: 'junit', file: DEFAULT_REPORT_FILES.junit },
      { kind: 'json', file: 'out.json' },
    ]);
    expect(reportTargets([report('json')])).toEqual([{ kind: 'json', file: 'regen-conformance.json' }]);
  });

  it.each([
    [[file('a.json'), report('json')], /--report-file "a\.json" must follow the --report/],
    [[report('json'), file('a.json'), file('b.json')], /two --report-file options/],
    [[report('json'), report('json')], /two reports would be written to "regen-conformance\.json"/],
    [[report('xml')], /--report must be junit or json/],
  ])('refuses %j', (options, message) => {
    expect(() => reportTargets(options)).toThrow(message);
  });
});
