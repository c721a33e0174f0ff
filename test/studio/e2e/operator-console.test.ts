/**
 * The operator console in Chromium against the real server (`callflow start`): the operator signs
 * in, logs in at extension 2001 and turns Ready; a supervisor's operator-mode campaign (over the
 * API) calls a demo customer on the PBX simulator; the call reaches the operator, whose console
 * shows the customer card and the script; the answers and notes clicked and typed there are stored
 * with the customer. Screenshots go to test/.artifacts/screenshots/.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureStudioBuilt } from '../../../studio/web/build-studio.ts';
import { CHROMIUM_PATH, type LaunchedBrowser, launchChromium } from '../support/chromium.ts';
import { screenshot, signIn } from '../support/studio-page.ts';
import { type StudioServer, startStudioServer } from '../support/studio-server.ts';

const TENANT = 'abc-internet';
const IVAN = '0501234567'; // Иван Петренко, a demo customer

describe.sequential('operator console in Chromium', () => {
  let server: StudioServer;
  let browser: LaunchedBrowser;
  let page: Page;
  let webDist: string | null = null;
  let sim = '';

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(
        `browser tests need Chromium at ${CHROMIUM_PATH}: install chromium: apt-get install -y chromium`,
      );
    }
    webDist = mkdtempSync(join(tmpdir(), 'callflow-e2e-operator-'));
    await ensureStudioBuilt({ force: true, outDir: webDist, log: () => {} });
    [server, browser] = await Promise.all([startStudioServer({ webDist }), launchChromium()]);
    sim = /control API (http:\/\/\S+\/sim)\//.exec(server.output())?.[1] ?? '';
    expect(sim).not.toBe('');
    page = await browser.context.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (webDist) rmSync(webDist, { recursive: true, force: true });
  }, 30_000);

  async function phone(endpoint: string, behaviour: Record<string, unknown>): Promise<void> {
    const reply = await fetch(`${sim}/operators/${encodeURIComponent(endpoint)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(behaviour),
    });
    expect(reply.ok).toBe(true);
  }

  async function asSupervisor(method: string, path: string, body?: unknown) {
    const login = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'supervisor@abc.example',
        password: server.passwords['supervisor@abc.example'],
      }),
    });
    const { token } = (await login.json()) as { token: string };
    const reply = await fetch(`${server.url}/api/t/${TENANT}/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: reply.status, json: (await reply.json()) as any };
  }

  it('takes a survey call: customer card, script, answers and notes stored with the customer', async () => {
    await signIn(page, server.url, 'operator@abc.example', server.passwords['operator@abc.example']);
    await page.waitForSelector('[data-testid=operator-state]');
    await screenshot(page, 'operator-01-console');

    // The demo operators' phones are busy: the ACD moves on to the signed-in operator.
    await phone('PJSIP/1001', { type: 'busy' });
    await phone('PJSIP/1002', { type: 'busy' });
    await phone('PJSIP/2001', { type: 'answer-after', delayMs: 300 });
    await phone(`PJSIP/${IVAN}`, { type: 'answer-after', delayMs: 500 });
    await page.fill('input[name=extension]', '2001');
    await page.click('button[data-state=Ready]');
    await page.waitForSelector('[data-testid=operator-state]:text-is("Ready")');

    const made = await asSupervisor('POST', 'campaigns', {
      name: 'Опрос в браузере',
      survey: 'Удовлетворённость сервисом',
      mode: 'operator',
      queue: 'general',
      dialTemplate: 'PJSIP/{number}',
    });
    expect(made.status).toBe(201);
    const id = made.json.id as string;
    expect((await asSupervisor('POST', `campaigns/${id}/numbers`, { numbers: [IVAN] })).status).toBe(200);
    expect((await asSupervisor('POST', `campaigns/${id}/start`)).json.status).toBe('running');

    await page.waitForSelector('[data-testid=survey-call]', { timeout: 30_000 });
    expect(await page.locator('[data-testid=customer-name]').textContent()).toContain('Иван Петренко');
    expect(await page.locator('.op-say').first().textContent()).toContain('Вас беспокоит компания');
    await screenshot(page, 'operator-02-script');

    await page.click('[data-testid=current-question] button[data-choice=yes]');
    await page.waitForSelector('[data-testid=current-question] textarea[name=answer]');
    await page.fill('[data-testid=current-question] textarea[name=answer]', 'Телевидение');
    await page.click('[data-testid=current-question] button[type=submit]');
    await page.waitForSelector('[data-testid=answer-services]');
    await page.fill('textarea[name=notes]', 'Перезвонить вечером');
    await page.click('[data-testid=save-notes]');
    await page.waitForSelector('.op-saved-notes li:text-is("Перезвонить вечером")');
    await expect
      .poll(async () => (await asSupervisor('GET', `campaigns/${id}/answers`)).json.answers.length, {
        timeout: 10_000,
      })
      .toBe(3);
    await screenshot(page, 'operator-03-answered');

    const { answers } = (await asSupervisor('GET', `campaigns/${id}/answers`)).json;
    expect(answers.map((a: { question: string; answer: unknown }) => [a.question, a.answer])).toEqual([
      ['satisfied', 'yes'],
      ['services', 'Телевидение'],
      ['operator-notes', 'Перезвонить вечером'],
    ]);
    expect(new Set(answers.map((a: { customerId: string }) => a.customerId)).size).toBe(1);
    expect(answers[0].customerId).not.toBeNull();
  }, 120_000);
});
