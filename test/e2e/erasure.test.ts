import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ukToday } from '../../src/shared/dates';
import { call } from '../support/temp-backend';
import { expectNoAxeViolations, startApp, type AppUnderTest } from './support';

/** Demo trainees with a surname no other demo trainee has, so "no longer found" means them. */
async function traineesWithOwnSurname(app: AppUnderTest, count: number) {
  const rows = await app.backend.store.db
    .selectFrom('trainees')
    .select(['id', 'given_name', 'preferred_name', 'family_name'])
    .where('family_name', 'in', (eb) =>
      eb
        .selectFrom('trainees')
        .select('family_name')
        .groupBy('family_name')
        .having((h) => h.fn.countAll(), '=', 1),
    )
    .orderBy('family_name')
    .limit(count)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    familyName: r.family_name,
    name: `${r.preferred_name || r.given_name} ${r.family_name}`,
  }));
}

describe('erasing a trainee permanently, in Chromium', () => {
  let app: AppUnderTest;
  beforeEach(async () => {
    app = await startApp({ demo: true });
  });
  afterEach(async () => {
    await app?.close();
  });

  it('archives a demo trainee, erases them after their surname is typed, and neither the register nor Ctrl+K finds them', async () => {
    const { page, backend } = app;
    const [trainee] = await traineesWithOwnSurname(app, 1);
    await call(backend, 'meetings:create', {
      traineeId: trainee!.id,
      heldOn: ukToday(),
      mode: 'video',
      meetingType: 'pastoral',
      sharedSummary: 'Rota',
      privateNotes: 'Quillbramble worries',
      goalIds: [],
      actions: [],
    });
    await page.reload();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    const search = async (text: string, status: string) => {
      await page.keyboard.press('Control+k');
      const dialog = page.getByRole('dialog', { name: 'Search' });
      await dialog.getByLabel('Search trainees, 1:1s, goals and actions').fill(text);
      await dialog.getByRole('status').getByText(status).waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    };
    // The control: before, Ctrl+K finds the private note.
    await search('Quillbramble', '1 result');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trainees' }).click();
    await page.getByRole('searchbox', { name: 'Search trainees' }).fill(trainee!.familyName);
    await page
      .getByRole('table', { name: 'Trainees' })
      .getByRole('link', { name: new RegExp(trainee!.familyName) })
      .click();
    await page.getByRole('heading', { name: trainee!.name }).waitFor();
    // Only an archived trainee can be erased.
    expect(await page.getByRole('button', { name: 'Erase permanently…' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByText(/Archived on/).waitFor();

    await page.getByRole('button', { name: 'Erase permanently…' }).click();
    const dialog = page.getByRole('dialog', { name: `Erase ${trainee!.name} permanently?` });
    await dialog.getByText('1:1 meetings (with their private notes): ').first().waitFor();
    await dialog
      .getByText(/Backups made before now, until rotation removes them: a daily backup goes once 7/)
      .waitFor();
    const erase = dialog.getByRole('button', { name: 'Erase permanently' });
    expect(await erase.isDisabled()).toBe(true);
    await dialog.getByLabel('Type their surname to confirm').fill(`${trainee!.familyName}x`);
    expect(await erase.isDisabled()).toBe(true);
    await app.screenshot('erasure-01-dialog');
    await expectNoAxeViolations(page, 'the Erase permanently dialog', { scope: '[role=dialog]', themes: 'both' });
    await dialog.getByLabel('Type their surname to confirm').fill(`  ${trainee!.familyName.toLowerCase()} `);
    await erase.click();
    await page.getByText(`${trainee!.name} was erased permanently`, { exact: true }).waitFor();
    await page.getByText(/^59 of 59 trainees$/).waitFor();

    await page.getByLabel('Show archived').check();
    await page.getByRole('searchbox', { name: 'Search trainees' }).fill(trainee!.familyName);
    await page.getByText(/^0 of 59 trainees$/).waitFor();
    await search(trainee!.name, '0 results');
    await search('Quillbramble', '0 results');
  });

  it('lists demo trainees archived long ago on Today once a retention period is set, to erase or keep', async () => {
    const { page, backend } = app;
    const [kept, erased] = await traineesWithOwnSurname(app, 2);
    for (const t of [kept!, erased!]) await call(backend, 'trainees:archive', { id: t.id });
    // They left in January 2015.
    await backend.store.db
      .updateTable('trainees')
      .set({ archived_at: '2015-01-10T12:00:00.000Z' })
      .where('id', 'in', [kept!.id, erased!.id])
      .execute();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const retention = page.getByRole('region', { name: 'Retention' });
    await retention.getByLabel('For a period after they leave or complete training').check();
    await retention.getByLabel('Years').fill('6');
    await retention.getByLabel('Months').fill('0');
    await retention.getByRole('button', { name: 'Save retention' }).click();
    await page.getByText('Retention saved: 6 years', { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'Settings → Retention', { scope: 'section[aria-labelledby=retention-heading]' });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
    await page.getByText('Past your retention period: 2').waitFor();
    await page.getByRole('button', { name: 'Show them' }).click();
    await page.getByRole('button', { name: `Keep ${kept!.name}'s record` }).waitFor();
    await app.screenshot('erasure-02-today-retention');
    await expectNoAxeViolations(page, 'Today, trainees past the retention period', { themes: 'both' });

    await page.getByRole('button', { name: `Keep ${kept!.name}'s record` }).click();
    await page
      .getByText(`${kept!.name}'s record is kept; Today asks again after another retention period`, { exact: true })
      .waitFor();
    await page.getByRole('button', { name: `Keep ${kept!.name}'s record` }).waitFor({ state: 'detached' });

    await page.getByRole('button', { name: `Erase ${erased!.name}…` }).click();
    const dialog = page.getByRole('dialog', { name: `Erase ${erased!.name} permanently?` });
    await dialog.getByLabel('Type their surname to confirm').fill(erased!.familyName);
    await dialog.getByRole('button', { name: 'Erase permanently' }).click();
    await page.getByText(`${erased!.name} was erased permanently`, { exact: true }).waitFor();
    await page.getByRole('button', { name: `Erase ${erased!.name}…` }).waitFor({ state: 'detached' });
    expect(await page.getByText(/Past your retention period: \d/).count()).toBe(0);
    expect(await backend.store.db.selectFrom('trainees').select('id').where('id', '=', erased!.id).execute()).toEqual(
      [],
    );
  });
});
