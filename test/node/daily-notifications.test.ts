/** The daily notification glue with the fake `electron` module: shown once, remembered, and a click opens Today. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDailyNotifications } from '../../src/main/electron/daily-notifications';
import { createDailyNotificationService } from '../../src/main/services/today/daily-notification';
import { Notification } from '../support/fake-electron';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';

let backend: TempBackend | null = null;
afterEach(async () => {
  Notification.shown.length = 0;
  Notification.supported = true;
  await backend?.close();
  backend = null;
});

describe('daily notifications', () => {
  it('announces what became due once a day, and a click opens Today', async () => {
    let now = new Date('2026-11-22T07:00:00Z');
    backend = await createTempBackend({ now: () => now });
    const trainee = await call(backend, 'trainees:create', {
      givenName: 'Kofi',
      familyName: 'Mensah',
      gmcNumber: '7345678',
      programme: 'GP - Riverside VTS',
      grade: 'ST1',
      programmeStartDate: '2026-08-05',
      wte: 1,
    });
    await call(backend, 'meetings:create', {
      traineeId: trainee.id,
      heldOn: '2026-11-01',
      mode: 'in_person',
      meetingType: 'pastoral',
      actions: [{ description: 'Send the rota', owner: 'tpd', dueOn: '2026-11-22', done: false }],
    });
    const open = backend;
    const service = createDailyNotificationService(
      open.store.db,
      () => now,
      (day) => open.today.dueBy(day),
    );
    const onClick = vi.fn();

    const stop = startDailyNotifications({ source: service, onClick, firstCheckMs: 0, intervalMs: 3_600_000 });
    await vi.waitFor(() => expect(Notification.shown).toHaveLength(1));
    const shown = Notification.shown[0]!;
    expect(shown.options.title).toMatch(/thing(s)? need(s)? your attention/);
    expect(shown.options.body).toContain('due today');
    expect(`${shown.options.title} ${shown.options.body}`).not.toContain('Kofi');
    shown.click();
    expect(onClick).toHaveBeenCalledTimes(1);
    stop();

    // The same day, nothing more; the next day, nothing new has become due, so still nothing.
    expect(await service.next()).toBeNull();
    now = new Date('2026-11-23T07:00:00Z');
    const tomorrow = await service.next();
    expect(tomorrow?.keys.filter((k) => k.startsWith('meeting_action:')) ?? []).toEqual([]);
  });

  it('stays quiet where the system has no notifications', async () => {
    Notification.supported = false;
    const source = { next: vi.fn(), markShown: vi.fn() };
    const stop = startDailyNotifications({ source, onClick: vi.fn(), firstCheckMs: 0 });
    await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(source.next).not.toHaveBeenCalled();
    expect(Notification.shown).toHaveLength(0);
  });
});
