import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../support/temp-backend';
import { expectNoAxeViolations, startApp, type AppUnderTest } from './support';

describe('a trainee at a glance in Chromium through the browser host', () => {
  let app: AppUnderTest;
  beforeEach(async () => {
    app = await startApp({ demo: true });
  });
  afterEach(async () => {
    await app?.close();
  });

  it('leads the Overview with what needs doing, each part linking to its tab, and copies an update without private notes', async () => {
    const { page, backend } = app;
    // A demo trainee who has failed an exam without the post-fail conversation, is overdue a 1:1,
    // and has an ARCP and a plan: found through the same channels the app uses.
    const monitor = await call(backend, 'exams:monitor');
    let chosen: { traineeId: string; traineeName: string; examCode: string } | undefined;
    for (const row of monitor.filter((r) => r.warnings.includes('no_conversation'))) {
      const [due, arcp, plan] = await Promise.all([
        call(backend, 'today:forTrainee', { traineeId: row.traineeId }),
        call(backend, 'arcp:forTrainee', { traineeId: row.traineeId }),
        call(backend, 'plp:list', { traineeId: row.traineeId }),
      ]);
      const overdue1to1 = due.some((i) => i.kind === 'meeting_due' && i.urgency === 'overdue');
      if (overdue1to1 && arcp.records.length > 0 && plan.length > 0) {
        chosen = row;
        break;
      }
    }
    expect(
      chosen,
      'a demo trainee with a missing post-fail conversation, an overdue 1:1, an ARCP and a plan',
    ).toBeDefined();
    const { traineeId, traineeName, examCode } = chosen!;
    const privateNotes = (await call(backend, 'meetings:list', { traineeId }))
      .map((m) => m.privateNotes)
      .filter((note) => note.trim().length > 0);

    await page.goto(`${app.host.url.split('#')[0]}#/trainees/${traineeId}`);
    await page.getByRole('heading', { name: traineeName, level: 1 }).waitFor();
    const needsDoing = page.getByRole('region', { name: 'Needs doing' });
    await needsDoing
      .getByRole('link', { name: /^Post-fail conversation/ })
      .first()
      .waitFor();
    await needsDoing.getByRole('link', { name: /1:1 due/ }).waitFor();
    await expect(needsDoing.textContent()).resolves.toContain('Overdue');

    const nextMeeting = page.getByRole('region', { name: 'Next 1:1' });
    await expect(nextMeeting.textContent()).resolves.toMatch(/Overdue\s*Was due/);
    const exams = page.getByRole('region', { name: 'Exams' });
    const examText = (await exams.textContent()) ?? '';
    expect(examText).toContain(examCode);
    expect(examText).toMatch(/left/);
    expect(examText).toContain('Post-fail conversation not yet held');
    const arcp = page.getByRole('region', { name: 'ARCP' });
    await expect(arcp.textContent()).resolves.toMatch(/Panel \d\d\/\d\d\/\d{4}/);
    const plan = page.getByRole('region', { name: 'Plan (PLP)' });
    await expect(plan.textContent()).resolves.toMatch(/\d+ open goals?/);
    await app.screenshot('glance-01-overview');
    await expectNoAxeViolations(page, 'a trainee’s Overview at a glance', { themes: 'both' });

    // Each part opens its tab.
    for (const [region, link, tab] of [
      [exams, 'Open exams', 'Exams'],
      [arcp, 'Open the ARCP', 'ARCP'],
      [plan, 'Open the plan', 'Plan (PLP)'],
      [nextMeeting, 'Open the 1:1s', '1:1s'],
    ] as const) {
      await region.getByRole('link', { name: link }).click();
      await expect(page.getByRole('tab', { name: tab }).getAttribute('aria-selected')).resolves.toBe('true');
      await page.getByRole('tab', { name: 'Overview' }).click();
    }
    // The 1:1 tab agrees that the next one is overdue.
    await nextMeeting.getByRole('link', { name: 'Open the 1:1s' }).click();
    await page.getByRole('region', { name: 'Next 1:1' }).getByText('Overdue').waitFor();
    await page.getByRole('tab', { name: 'Overview' }).click();

    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.host.url).origin });
    await page.getByRole('button', { name: 'Copy a short update' }).click();
    await page.getByText('Short update copied to the clipboard').first().waitFor();
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied.split('\n')[0]).toContain(traineeName);
    expect(copied).toMatch(/Next 1:1: overdue since \d\d\/\d\d\/\d{4}/);
    expect(copied).toContain(`${examCode}: `);
    expect(copied).toMatch(/ARCP: panel/);
    for (const note of privateNotes) expect(copied).not.toContain(note);
  });
});
