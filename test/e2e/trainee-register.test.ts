import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, FIXTURES_DIR } from '../support/temp-backend';
import { expectNoAxeViolations, startApp, type AppUnderTest } from './support';

describe('trainee register in Chromium through the browser host', () => {
  let app: AppUnderTest;
  beforeEach(async (context) => {
    app = await startApp({ demo: context.task.name.includes('demo register') });
  });
  afterEach(async () => {
    await app?.close();
  });

  it('offers import and demo data on an empty register, and adds a trainee after a GMC validation message', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Welcome to TPD Companion' }).waitFor();
    await page.getByRole('button', { name: 'Import a CSV from your scheme' }).waitFor();
    await app.screenshot('01-empty-today');
    await expectNoAxeViolations(page, 'Today, empty register', { themes: 'both' });

    await page.getByRole('button', { name: 'Add a trainee' }).click();
    const form = page.getByRole('dialog', { name: 'Add a trainee' });
    await form.getByLabel('First name').fill('Zainab');
    await form.getByLabel('Surname').fill('Okonkwo');
    await form.getByLabel('GMC number').fill('12345');
    await form.getByLabel('Programme or scheme').fill('GP - Northtown VTS');
    await form.getByLabel('Training grade').selectOption('ST2');
    await form.getByLabel('Programme start date').fill('6/8/2025');
    await form.getByLabel('Whole-time equivalent').fill('80%');
    await form.getByRole('button', { name: 'Add trainee' }).click();
    await form.getByText('GMC number must be exactly 7 digits').waitFor();
    await expect(form.getByLabel('GMC number').getAttribute('aria-invalid')).resolves.toBe('true');
    await app.screenshot('02-add-trainee-validation');
    await expectNoAxeViolations(page, 'the new trainee form with a validation message', { scope: '[role=dialog]' });

    await form.getByLabel('GMC number').fill('7123456');
    await form.getByRole('button', { name: 'Add trainee' }).click();
    await page.getByRole('heading', { name: 'Zainab Okonkwo' }).waitFor();
    await page.getByText('80%').waitFor();
    await app.screenshot('03-trainee-page');
    await expectNoAxeViolations(page, 'a new trainee’s page', { themes: 'both' });
  });

  it('imports the sample CSV with 55 imported and 5 rejected, then filters, sorts, archives and restores', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trainees' }).click();
    await page.getByRole('button', { name: 'Import a CSV from your scheme' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import trainees from CSV' });
    await dialog.getByLabel('CSV file').setInputFiles(path.join(FIXTURES_DIR, 'trainees-scheme-export.csv'));
    const rejected = dialog.getByRole('table', { name: /Rejected rows/ });
    await rejected.waitFor();
    expect(await rejected.getByRole('row').count()).toBe(6);
    await expect(rejected.getByRole('row', { name: /Ana Haddad/ }).textContent()).resolves.toContain(
      'GMC number must be exactly 7 digits',
    );
    await expect(rejected.getByRole('row', { name: /Nadia Khan/ }).textContent()).resolves.toContain('not a real date');
    await expect(rejected.getByRole('row', { name: /Noor Gupta/ }).textContent()).resolves.toContain(
      'Whole-time equivalent must be between 0.2 and 1.0',
    );
    await expect(rejected.getByRole('row', { name: /Bilal Smith/ }).textContent()).resolves.toContain('also on line 4');
    await expect(rejected.getByRole('row', { name: /^25 / }).textContent()).resolves.toContain('first name');
    await app.screenshot('04-import-preview');
    await expectNoAxeViolations(page, 'the trainee import preview', { scope: '[role=dialog]', themes: 'both' });

    await dialog.getByRole('button', { name: 'Import 55 trainees' }).click();
    await dialog.getByText('55 trainees imported: 55 new, 0 updated. 5 rows rejected.').waitFor();
    await app.screenshot('05-import-done');
    await expectNoAxeViolations(page, 'the trainee import summary', { scope: '[role=dialog]' });
    await dialog.getByRole('button', { name: 'Close' }).first().click();

    const table = page.getByRole('table', { name: 'Trainees' });
    await page.getByText('55 of 55 trainees').waitFor();

    // Filter by grade and by a name fragment.
    await page.getByLabel('Filter Grade').selectOption('ST1');
    await page.getByLabel('Filter Name').fill('mens');
    await page.getByText('2 of 55 trainees').waitFor();
    const names = await table.locator('tbody tr[data-index] td:first-child').allTextContents();
    expect(names).toEqual(['Mensah, Chloe', 'Mensah, Oluwaseun']);

    // Sort descending by name.
    await table.getByRole('button', { name: /^Name/ }).click();
    await expect(table.getByRole('columnheader', { name: /^Name/ }).getAttribute('aria-sort')).resolves.toBe(
      'descending',
    );
    expect(await table.locator('tbody tr[data-index] td:first-child').allTextContents()).toEqual([
      'Mensah, Oluwaseun',
      'Mensah, Chloe',
    ]);
    await app.screenshot('06-filtered-sorted');
    await expectNoAxeViolations(page, 'the Trainees register, filtered and sorted', { themes: 'both' });

    // Keyboard: focus the first row, move down, open with Enter.
    await table.locator('tbody tr[data-index="0"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Chloe Mensah' }).waitFor();

    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByText(/Archived on/).waitFor();
    await page.getByRole('link', { name: 'Trainees' }).first().click();
    await page.getByText('54 of 54 trainees').waitFor();
    await page.getByLabel('Show archived').check();
    await page.getByText('55 of 55 trainees').waitFor();
    await page.getByLabel('Filter Name').fill('Mensah, Chloe');
    await table.getByText('Archived').waitFor();
    await app.screenshot('07-archived-shown');
    await expectNoAxeViolations(page, 'the Trainees register with an archived trainee');
    await table.getByRole('link', { name: 'Mensah, Chloe' }).click();
    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('button', { name: 'Archive' }).waitFor();

    // Re-importing the same file changes nothing.
    await page.goto(`${app.host.url.split('#')[0]}#/trainees/import`);
    const again = page.getByRole('dialog', { name: 'Import trainees from CSV' });
    await again.getByLabel('CSV file').setInputFiles(path.join(FIXTURES_DIR, 'trainees-scheme-export.csv'));
    await again.getByRole('button', { name: 'Nothing to import' }).waitFor();
    await expect(again.getByRole('button', { name: 'Nothing to import' }).isDisabled()).resolves.toBe(true);
    await again.getByRole('button', { name: 'Cancel' }).click();

    // A list whose row has Ana Nair's GMC number under another name: shown, and left out unless ticked.
    const renaming = [
      'Forename,Surname,GMC Number,Programme,Training Grade,Programme Start Date,Expected CCT Date,WTE,Educational Supervisor,Current Post,Email',
      'Fay,Green,6499029,GP - Northtown VTS,ST3,7/08/2024,02/02/2027,1,Dr Marcus Reid,"Obstetrics & Gynaecology, Northtown General",ana.nair0@nhs.example',
      'Omar,Farouk,6475721,GP - Riverside VTS,ST3,6/08/2024,23/02/2028,0.6,Dr Anjali Desai,Eastfield Health Centre,omar.farouk1@nhs.example',
    ].join('\n');
    await page.goto(`${app.host.url.split('#')[0]}#/trainees/import`);
    const check = page.getByRole('dialog', { name: 'Import trainees from CSV' });
    await check
      .getByLabel('CSV file')
      .setInputFiles({ name: 'scheme-update.csv', mimeType: 'text/csv', buffer: Buffer.from(renaming) });
    const differs = check.getByRole('table', { name: /Name differs/ });
    await differs.getByText('Ana Nair').waitFor();
    await differs.getByText('2 changes').click();
    await differs.getByText('Surname: Nair → Green').waitFor();
    const tick = check.getByRole('checkbox', { name: 'Import line 2: rename Ana Nair to Fay Green' });
    expect(await tick.isChecked()).toBe(false);
    await check
      .getByRole('table', { name: /Rows to import/ })
      .getByText('1 change')
      .click();
    await check.getByText('Whole-time equivalent: 80% → 60%').waitFor();
    await app.screenshot('07b-import-name-differs');
    await expectNoAxeViolations(page, 'the import preview with a name that differs', { scope: '[role=dialog]' });
    await check.getByRole('button', { name: 'Import 1 trainee' }).click();
    await check.getByText(/1 row left out \(name differs\)/).waitFor();
    await check.getByRole('button', { name: 'Close' }).first().click();
    await page.getByLabel('Filter Name').fill('Nair, Ana');
    await table.getByRole('link', { name: 'Nair, Ana' }).waitFor();
  });
  it('finds people in the demo register as their names are typed, in any order, without accents or apostrophes', async () => {
    const { page, backend } = app;
    const person = (givenName: string, familyName: string, gmcNumber: string) =>
      call(backend, 'trainees:create', {
        givenName,
        familyName,
        gmcNumber,
        programme: 'GP - Northtown VTS',
        grade: 'ST2',
        programmeStartDate: '2025-08-06',
        wte: 1,
      });
    // The demo register has its own Hannah Farouks and Zoë Smiths; one trainee is added with an apostrophe.
    await person('Siobhán', 'O’Brien', '7000103');
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trainees' }).click();
    const table = page.getByRole('table', { name: 'Trainees' });
    const box = page.getByRole('searchbox', { name: 'Search trainees' });
    const shownNames = () => table.locator('tbody tr[data-index] td:first-child').allTextContents();
    const searchFor = async (text: string, expected: string) => {
      await box.fill(text);
      await table.getByRole('link', { name: expected }).first().waitFor();
      return [...new Set(await shownNames())];
    };

    expect(await searchFor('Hannah Farouk', 'Farouk, Hannah')).toEqual(['Farouk, Hannah']);
    expect(await searchFor('farouk hannah', 'Farouk, Hannah')).toEqual(['Farouk, Hannah']);
    expect(await searchFor('Zoe Smith', 'Smith, Zoë')).toEqual(['Smith, Zoë']);
    expect(await searchFor('obrien siobhan', 'O’Brien, Siobhán')).toEqual(['O’Brien, Siobhán']);
    await app.screenshot('08-register-word-search');
    await expectNoAxeViolations(page, 'the demo register searched by name');

    // A column filter still narrows the search.
    await box.fill('obrien');
    await page.getByLabel('Filter GMC number').fill('7000103');
    await page.getByText(/^1 of [\d,]+ trainees$/).waitFor();
    expect(await shownNames()).toEqual(['O’Brien, Siobhán']);

    // Ctrl+K in the register's box opens the global search, not the box.
    await box.focus();
    await page.keyboard.press('Control+k');
    const search = page.getByRole('dialog', { name: /Search/ });
    await search.waitFor();
    await expectNoAxeViolations(page, 'the global search over the register', { scope: '[role=dialog]' });
  });
});
