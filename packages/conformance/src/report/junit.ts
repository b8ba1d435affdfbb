/**
 * @module JUnit XML (the dialect Jenkins, GitLab and GitHub reporters read): one testsuite per
 * check, one testcase per check (or rule of a check) × operation; exempt testcases are skipped
 * with their reason. A rule's testcase has the classname `regen-conformance.check/rule`.
 */
import { describeChange, predictionLine } from './prediction-lines.ts';
import { type Failure, type Report, type TestcaseResult, testcaseName } from './types.ts';

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Whether a character may appear in XML 1.0 text (§2.2: no C0 controls but tab, LF, CR). */
function xmlChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function xmlEscape(text: string): string {
  return [...text]
    .filter(xmlChar)
    .join('')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function describeFailure(f: Failure): string {
  const lines = [f.message, `seed: ${f.seed}`];
  if (f.case) lines.push(`case: ${f.case}`);
  if (f.response) lines.push(`response: ${f.response.status} ${f.response.body.slice(0, 500)}`);
  if (f.curl) lines.push(`reproduce: ${f.curl}`);
  if (f.exemption) lines.push(`exempt: ${f.exemption}`);
  const prediction = predictionLine(f);
  if (prediction) lines.push(prediction);
  return lines.join('\n');
}

function testcase(r: TestcaseResult): string {
  const open = `    <testcase classname="regen-conformance.${xmlEscape(testcaseName(r))}" name="${xmlEscape(r.operationId)} (${r.method} ${xmlEscape(r.path)})" time="${seconds(r.durationMs)}"`;
  const body: string[] = [];
  if (r.prediction) {
    // Testcase properties (JUnit 5 / the Jenkins and GitLab readers) for tools; system-out for people.
    const verdict = r.prediction.predicted ? 'predicted' : 'not-explained';
    body.push(
      '      <properties>',
      `        <property name="contractChange" value="${verdict}"/>`,
      ...r.prediction.by.map(
        (c) => `        <property name="predictedBy" value="${xmlEscape(describeChange(c))}"/>`,
      ),
      '      </properties>',
    );
  }
  if (r.status === 'failed') {
    const real = r.failures.filter((f) => !f.exemption);
    body.push(
      `      <failure message="${xmlEscape(real[0]?.message ?? 'failed')}" type="${xmlEscape(testcaseName(r))}">${xmlEscape(real.map(describeFailure).join('\n\n'))}</failure>`,
    );
  } else if (r.status === 'error') {
    body.push(
      `      <error message="${xmlEscape(r.reason ?? 'error')}" type="${xmlEscape(testcaseName(r))}"/>`,
    );
  } else if (r.status === 'skipped') {
    body.push(`      <skipped message="${xmlEscape(r.reason ?? 'skipped')}"/>`);
  } else if (r.status === 'exempt') {
    body.push(
      `      <skipped message="${xmlEscape(`exempt: ${r.failures[0]?.exemption ?? ''}`)}">${xmlEscape(r.failures.map(describeFailure).join('\n\n'))}</skipped>`,
    );
  }
  if (r.prediction) {
    const lines = [...new Set(r.failures.flatMap((f) => predictionLine(f) ?? []))];
    body.push(`      <system-out>${xmlEscape(lines.join('\n'))}</system-out>`);
  }
  return body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`;
}

/** Serialises a report as JUnit XML. */
export function toJunitReport(report: Report): string {
  const suites = new Map<string, TestcaseResult[]>();
  for (const r of report.results) suites.set(r.check, [...(suites.get(r.check) ?? []), r]);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const s = report.summary;
  out.push(
    `<testsuites name="regen-conformance" tests="${s.total}" failures="${s.failed}" errors="${s.errors}" skipped="${s.skipped + s.exempt}" time="${seconds(report.durationMs)}">`,
  );
  if (report.fatal) {
    out.push(`  <testsuite name="run" tests="1" failures="0" errors="1" skipped="0" time="0.000">`);
    out.push(
      `    <testcase classname="regen-conformance" name="run"><error message="${xmlEscape(report.fatal)}"/></testcase>`,
    );
    out.push('  </testsuite>');
  }
  for (const [check, cases] of suites) {
    const n = (status: TestcaseResult['status']) => cases.filter((c) => c.status === status).length;
    // A suite's time is the sum of its cases' (each a share of the run, so suites add up too).
    const time = seconds(cases.reduce((sum, c) => sum + c.durationMs, 0));
    out.push(
      `  <testsuite name="${check}" tests="${cases.length}" failures="${n('failed')}" errors="${n('error')}" skipped="${n('skipped') + n('exempt')}" time="${time}">`,
    );
    out.push('    <properties>');
    out.push(`      <property name="seed" value="${report.seed}"/>`);
    out.push(`      <property name="runId" value="${xmlEscape(report.runId)}"/>`);
    out.push(`      <property name="baseUrl" value="${xmlEscape(report.baseUrl)}"/>`);
    out.push('    </properties>');
    for (const c of cases) out.push(testcase(c));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
