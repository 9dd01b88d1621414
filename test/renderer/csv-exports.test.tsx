/**
 * The CSVs the renderer makes on its own (the register, the re-sit monitor and ARCP readiness), read back
 * byte by byte from the file the page hands to the browser, with issue 18's hostile values in them: no
 * cell may start a spreadsheet formula. Main's CSVs are read back in test/node/csv-writers.test.ts.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReadinessTable } from '../../src/renderer/src/features/arcp/ReadinessTable';
import { ResitMonitorPage } from '../../src/renderer/src/features/exams/ResitMonitorPage';
import { TraineesPage } from '../../src/renderer/src/features/trainees/TraineesPage';
import { FORMULA_START } from '../../src/shared/csv';
import type { ReadinessRow } from '../../src/shared/arcp/arcp-schema';
import type { MonitorRow } from '../../src/shared/exams/exam-types';
import { aTrainee, settings } from './fixtures';
import { renderWithApp } from './render-app';

Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 800 });
Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 1200 });

const HOSTILE = {
  name: '=HYPERLINK("http://x","y")',
  programme: '@SUM(1,1)',
  supervisor: "+cmd|' /C calc'!A0",
  note: '\tnote that starts with a tab',
};

/** The files the page asked the browser to download, as bytes. */
let downloads: Blob[] = [];
beforeEach(() => {
  downloads = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    downloads.push(blob);
    return 'blob:test';
  });
  URL.revokeObjectURL = vi.fn();
  // jsdom does not navigate; the click on the download link is enough.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

async function downloadedCells(): Promise<string[][]> {
  expect(downloads).toHaveLength(1);
  const bytes = new Uint8Array(await downloads[0]!.arrayBuffer());
  // UTF-8 with a byte order mark, so Excel reads accents; then plain CSV.
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true, delimiter: ',' });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

function expectSafe(cells: string[][], values: string[]) {
  expect(cells.flat().filter((c) => FORMULA_START.test(c))).toEqual([]);
  for (const value of values) expect(cells.flat().some((c) => c.startsWith(`'${value}`))).toBe(true);
}

describe('CSVs made in the renderer', () => {
  it('the register export', async () => {
    const user = userEvent.setup();
    const register = [
      aTrainee({
        givenName: HOSTILE.name,
        familyName: HOSTILE.name,
        programme: HOSTILE.programme,
        educationalSupervisor: HOSTILE.supervisor,
        currentPost: HOSTILE.note,
      }),
      aTrainee({ givenName: 'Zoë', familyName: 'Brontë' }),
    ];
    renderWithApp(<TraineesPage />, {
      'trainees:list': () => register,
      'settings:get': () => settings({ tableColumns: {} }),
      'exportLog:record': () => ({ id: 'log-1' }),
    });
    await screen.findByText('2 of 2 trainees');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    const cells = await downloadedCells();
    expectSafe(cells, [HOSTILE.name, HOSTILE.programme]);
    expect(cells.flat()).toContain('Brontë, Zoë');
  });

  it('the re-sit monitor export', async () => {
    const user = userEvent.setup();
    const row: MonitorRow = {
      traineeId: 't1',
      traineeName: HOSTILE.name,
      gmcNumber: '7991802',
      grade: 'ST3',
      programme: HOSTILE.programme,
      examCode: 'SCA',
      attemptGroup: 'SCA',
      attemptsUsed: 1,
      attemptsLeft: 5,
      exceptionalLeft: 0,
      attemptsText: '1 used, 5 left',
      lastResult: 'fail',
      lastSittingDate: '2024-10-24',
      weakestArea: HOSTILE.note,
      daysSinceFail: 40,
      nextSittingDate: null,
      bookingDeadline: null,
      postFailDone: false,
      supportTier: null,
      supportOffered: 0,
      supportAccepted: 0,
      readinessDone: false,
      readinessDecision: null,
      owner: HOSTILE.supervisor,
      warnings: ['no_conversation'],
    };
    renderWithApp(<ResitMonitorPage />, {
      'exams:monitor': () => [row],
      'exams:monitorTime': () => [],
      'exportLog:record': () => ({ id: 'log-1' }),
    });
    await user.click(await screen.findByRole('button', { name: /Export CSV/ }));
    expectSafe(await downloadedCells(), [HOSTILE.name, HOSTILE.supervisor, HOSTILE.note]);
  });

  it('the ARCP readiness export', async () => {
    const user = userEvent.setup();
    const row: ReadinessRow = {
      recordId: 'r1',
      traineeId: 't1',
      traineeName: HOSTILE.name,
      sortName: HOSTILE.name,
      gmcNumber: '7991802',
      programme: HOSTILE.programme,
      grade: 'ST2',
      wte: 1,
      esr: 'not_started',
      deadlines: [],
      templateName: null,
      checklist: null,
      gapCount: 2,
      gapSummary: HOSTILE.note,
      outcome: null,
      examPosition: HOSTILE.supervisor,
      openPlpGoals: 1,
      postFailConversations: 0,
      supportReceived: null,
    };
    renderWithApp(<ReadinessTable rows={[row]} panelName="Spring panel" onPack={() => undefined} />, {
      'exportLog:record': () => ({ id: 'log-1' }),
    });
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    const cells = await downloadedCells();
    expectSafe(cells, [HOSTILE.name, HOSTILE.supervisor, HOSTILE.note]);
    // Counts the app made are numbers in the file.
    expect(cells[1]).toContain('2');
  });
});
