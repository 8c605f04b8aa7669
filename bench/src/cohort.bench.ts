import workplaceExample from '@skills-passport/schemas/examples/workplace-learning-credential/magazijnmedewerker-ok.json' with { type: 'json' };
import { requestFromExample } from '@skills-passport/issuer';
import { startIssuerProcess } from './issuer-process.js';
import type { Figure } from './results.js';

/**
 * cohort: a 10,000-row CSV to 10,000 durable offers, from the upload request to the batch reporting
 * done: wall time, and the issuer process's peak resident memory (a fresh process, so the peak
 * belongs to this upload).
 */
export async function cohortBench(): Promise<Figure[]> {
  const issuer = await startIssuerProcess();
  try {
    const apiKey = issuer.demo.organisations.find((o) => o.kind === 'employer')!.apiKey;
    const rows = Array.from(
      { length: 10_000 },
      (_, i) => `Learner ${i},learner${i}@example.nl,2026-0${1 + (i % 9)}-01T08:00:00+01:00`,
    );
    const csv = ['name,email,/credentialSubject/activityStartDate', ...rows].join('\n');
    const { credential } = requestFromExample(workplaceExample);
    const started = performance.now();
    const response = await fetch(`${issuer.url}/api/cohorts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ type: 'WorkplaceLearningCredential', credential, csv }),
    });
    if (response.status !== 202)
      throw new Error(`cohort upload refused: ${response.status} ${await response.text()}`);
    const batch = (await response.json()) as { id: string };
    let state: { state: string; valid: number; invalid: number } = {
      state: 'processing',
      valid: 0,
      invalid: 0,
    };
    while (state.state !== 'done') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const progress = await fetch(`${issuer.url}/api/cohorts/${batch.id}`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      if (progress.status !== 200) throw new Error(`cohort progress: ${progress.status}`);
      state = (await progress.json()) as typeof state;
    }
    const seconds = (performance.now() - started) / 1000;
    if (state.valid !== 10_000) throw new Error(`cohort: ${state.valid} valid, ${state.invalid} invalid`);
    const peak = issuer.peakMemoryMiB();
    return [
      {
        key: 'cohort',
        label: '10,000-row CSV to 10,000 durable offers (wall time)',
        value: seconds,
        unit: 's',
        target: '<= 10 s, peak <= 300 MB',
        met: seconds <= 10 && peak <= 300,
        details: { peakMemoryMiB: Math.round(peak), rowsPerSecond: Math.round(10_000 / seconds) },
      },
    ];
  } finally {
    await issuer.stop();
  }
}
