/**
 * The studio in Chromium against the real server (`callflow start`: runtime, PBX simulator,
 * embedded database, demo tenant): sign in, edit with live checking, simulate the reference call,
 * deploy and roll back. Screenshots of each screen go to test/.artifacts/screenshots/.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureStudioBuilt } from '../../../studio/web/build-studio.ts';
import { CHROMIUM_PATH, type LaunchedBrowser, launchChromium } from '../support/chromium.ts';
import {
  goToLineEnd,
  markerMessages,
  openFlow,
  screenshot,
  signIn,
  signOut,
  transcriptShows,
} from '../support/studio-page.ts';
import { type StudioServer, startStudioServer } from '../support/studio-server.ts';

const SUPPORT_FLOW = 'Поддержка АВС Интернет';
/** `on 3 -> goto balance` in examples/abc-internet/support.flow. */
const GOTO_LINE = 24;

// The deploy step failed once in CI under load (30 s wait for the notice); retried while that is investigated.
describe.sequential('studio in Chromium', { retry: 2 }, () => {
  let server: StudioServer;
  let browser: LaunchedBrowser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(
        `browser tests need Chromium at ${CHROMIUM_PATH}: install chromium: apt-get install -y chromium`,
      );
    }
    // Test what the sources say now, not an older build.
    await ensureStudioBuilt({ force: true, log: () => {} });
    [server, browser] = await Promise.all([startStudioServer(), launchChromium()]);
    page = await browser.context.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);

  it('signs the analyst in and opens the ABC Internet support flow with its graph', async () => {
    await page.goto(server.url);
    await page.waitForSelector('input[name=email]');
    await screenshot(page, '01-sign-in');
    await signIn(page, server.url, 'analyst@abc.example', server.passwords['analyst@abc.example']);
    await openFlow(page, SUPPORT_FLOW);
    expect(await page.locator('[data-testid=error-count]').textContent()).toMatch(/^0 /);
    expect(await page.locator('.graph-node[data-node-id="d0/menu:main"]').count()).toBe(1);
    // Analysts edit and simulate; deploying is for admins.
    expect(await page.locator('[data-testid=deploy]').count()).toBe(0);
    await screenshot(page, '02-editor-and-graph');
  }, 60_000);

  it('shows a marker with the message within a second of typing an error, and drops it once fixed', async () => {
    await goToLineEnd(page, GOTO_LINE);
    await page.keyboard.type('x');
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 1000 });
    await page.waitForSelector('[data-testid=problems] .message:has-text("balancex")', { timeout: 1000 });
    expect((await markerMessages(page)).join('\n')).toMatch(/balancex/);
    expect(await page.locator('.graph-node.has-errors').count()).toBeGreaterThan(0);
    await screenshot(page, '03-live-error');

    await page.keyboard.press('Escape');
    await page.keyboard.press('Backspace');
    await page.waitForSelector('.monaco-editor .squiggly-error', { state: 'detached', timeout: 1000 });
    await page.waitForSelector('[data-testid=error-count]:has-text("0 ")', { timeout: 1000 });
    expect(await markerMessages(page)).toEqual([]);
  }, 30_000);

  it('simulates the balance call (3, 123456#, 1111#) and highlights its path in the graph', async () => {
    await page.click('.sim-buttons button[type=submit]');
    await page.waitForSelector('[data-testid=sim-status][data-status="in-progress"]', { timeout: 15_000 });
    await transcriptShows(page, 'Сделайте свой выбор');
    await page.click('.keypad-grid button[data-key="3"]');
    await transcriptShows(page, 'номер вашего договора');
    await page.fill('input[name=keys]', '123456#');
    await page.click('.keypad-line button[type=submit]');
    await transcriptShows(page, 'PIN код');
    await page.fill('input[name=keys]', '1111#');
    await page.click('.keypad-line button[type=submit]');
    await transcriptShows(page, 'На вашем личном счету 50 гривен');

    const onPath = await page
      .locator('.graph-node.on-path')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node-id')));
    expect(onPath).toEqual(
      expect.arrayContaining(['d0', 'd0/menu:main', 'd0/menu:main/on:3', 'd0/step:balance']),
    );
    expect(await page.locator('.react-flow__edge.on-path').count()).toBeGreaterThanOrEqual(3);
    // The current step is drawn in the editor too.
    expect(await page.locator('.monaco-editor .cf-active-step-line').count()).toBe(1);
    // What the caller typed, the PIN masked.
    const variables = await page.locator('[data-testid=variables]').textContent();
    expect(variables).toMatch(/contract\s*123456/);
    expect(variables).toMatch(/pin\s*•••/);
    expect(variables).not.toMatch(/1111/);
    await page.waitForSelector('[data-testid=sim-status][data-status="ended"]', { timeout: 20_000 });
    await screenshot(page, '04-simulated-call');
  }, 120_000);

  it('lets the admin deploy (refused while the flow has errors), then roll back', async () => {
    await signOut(page);
    await signIn(page, server.url, 'admin@abc.example', server.passwords['admin@abc.example']);
    await openFlow(page, SUPPORT_FLOW);
    await page.click('button[role=tab]:has-text("Versions")');
    await page.waitForSelector('[data-testid=active-version]:has-text("Version ")');
    const before = versionOf((await page.locator('[data-testid=active-version]').textContent()) ?? '');

    // An error: deploy is refused and the diagnostics are listed.
    await goToLineEnd(page, GOTO_LINE);
    await page.keyboard.type('x');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 1000 });
    await page.click('[data-testid=deploy]');
    await page.waitForSelector('[data-testid=notice] li:has-text("balancex")', { timeout: 20_000 });
    await screenshot(page, '05-deploy-refused');
    await goToLineEnd(page, GOTO_LINE);
    await page.keyboard.press('Backspace');
    await page.waitForSelector('[data-testid=error-count]:has-text("0 ")', { timeout: 1000 });

    // A real change deploys as the next version.
    await page.locator('[data-testid=flow-editor]').click({ position: { x: 120, y: 12 } });
    await page.keyboard.press('Control+End');
    await page.keyboard.type('// changed in the studio');
    await page.keyboard.press('Escape');
    await page.click('[data-testid=deploy]');
    await page.waitForSelector(`[data-testid=notice]:has-text("Deployed version ${before + 1}")`, {
      timeout: 30_000,
    });
    await page.waitForSelector(`[data-testid=active-version]:has-text("Version ${before + 1}")`, {
      timeout: 10_000,
    });
    expect(await page.locator('.deployment-list li').first().textContent()).toMatch(
      new RegExp(`v${before + 1}`),
    );
    await screenshot(page, '06-deployed');

    await page.locator('.version-list li').nth(1).locator('button:has-text("Compare")').click();
    await page.waitForSelector('[data-testid=diff-editor] .monaco-diff-editor');
    await page.waitForSelector(
      '[data-testid=diff-editor] .line-insert, [data-testid=diff-editor] .char-insert',
    );
    await screenshot(page, '07-diff');
    await page.click('.diff-view header button');

    await page.click('[data-testid=rollback]');
    await page.waitForSelector(`[data-testid=active-version]:has-text("Version ${before}")`, {
      timeout: 30_000,
    });
    expect(await page.locator('.deployment-list li').first().textContent()).toMatch(
      new RegExp(`v${before}\\b`),
    );
    await screenshot(page, '08-rolled-back');
  }, 120_000);

  it('switches the whole screen to Russian and remembers it', async () => {
    await page.click('.language-switch button:has-text("RU")');
    await page.waitForSelector('.flow-list h2:has-text("Потоки")');
    await page.click('button[role=tab]:has-text("Симулятор")');
    await page.reload();
    await page.waitForSelector('.flow-list h2:has-text("Потоки")');
    await page.waitForSelector('.graph-node[data-node-id^="d0/step:"]');
    expect(await page.locator('[data-testid=problems] h3').textContent()).toMatch(/ПРОБЛЕМЫ|Проблемы/);
    await screenshot(page, '09-russian');
  }, 60_000);
});

function versionOf(text: string): number {
  const match = /(\d+)/.exec(text);
  if (!match) throw new Error(`no version number in "${text}"`);
  return Number(match[1]);
}
