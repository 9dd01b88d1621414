import { describe, expect, it, beforeAll } from 'vitest';
import { callAsPage, devUser, ScriptedBrowser, signIn, startTeamRig, type TeamTestRig } from '../support/team-server';

let rig: TeamTestRig;

beforeAll(async () => {
  rig = await startTeamRig();
}, 60_000);

describe('signing in to the team server', () => {
  it('signs a TPD in through the provider and answers their calls', async () => {
    const browser = new ScriptedBrowser();
    const csrf = await signIn(rig, browser, devUser(rig, 'tpd'));
    const status = await (await callAsPage(browser, rig.url, 'team:status', csrf)).json();
    expect(status).toMatchObject({ ok: true, data: { mode: 'team', signedIn: true, user: { displayName: 'Dr Rowan Ashdown' } } });
    const info = await (await callAsPage(browser, rig.url, 'app:info', csrf)).json();
    expect(info).toMatchObject({ ok: true, data: { traineeCount: 0 } });
  });
});
