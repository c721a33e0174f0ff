/**
 * Steps through the studio the way a person does — forms, buttons, the keyboard — for the
 * browser tests. Each helper waits for what the screen shows, never for a fixed time.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';

export const SCREENSHOTS = join('test', '.artifacts', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=user-email]').catch(async (error: unknown) => {
    const shown = await page.locator('.form-error').allInnerTexts();
    await screenshot(page, 'failed-sign-in');
    throw new Error(`sign-in as ${email} failed: ${shown.join(' ') || String(error)}`);
  });
}

export async function signOut(page: Page): Promise<void> {
  await page.click('.studio-header button:has-text("Sign out"), .studio-header button:has-text("Выйти")');
  await page.waitForSelector('input[name=email]');
}

export async function openFlow(page: Page, name: string): Promise<void> {
  await page.click(`.flow-item[data-flow="${name}"]`);
  await page.waitForSelector('.graph-node[data-node-id^="d0/step:"]');
}

/** Puts the cursor at the end of a line with the editor's own "go to line" (Ctrl+G). */
export async function goToLineEnd(page: Page, line: number): Promise<void> {
  await page.locator('[data-testid=flow-editor]').click({ position: { x: 120, y: 12 } });
  await page.keyboard.press('Control+g');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
}

/** Markers of the open model, read through Monaco's API. */
export function markerMessages(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const monaco = (globalThis as { callflowMonaco?: any }).callflowMonaco;
    return monaco.editor.getModelMarkers({ owner: 'callflow' }).map((m: { message: string }) => m.message);
  });
}

export async function transcriptShows(page: Page, text: string, timeout = 30_000): Promise<void> {
  await page.waitForSelector(`[data-testid=transcript] .prompt-text:has-text(${JSON.stringify(text)})`, {
    timeout,
  });
}

/**
 * Starts a stopwatch in the page for keystroke-to-marker latency, measured there with
 * `performance.now` (not through the test's round trips to the browser, which a loaded machine
 * slows): from the next key pressed to the frame after the editor's markers first show errors
 * (`errors: true`) or none (`false`). Resolves with the milliseconds, or Infinity after 20 s.
 */
export async function startMarkerStopwatch(page: Page, errors: boolean): Promise<() => Promise<number>> {
  await page.evaluate((wantErrors) => {
    const monaco = (globalThis as { callflowMonaco?: any }).callflowMonaco;
    (globalThis as { markerStopwatch?: Promise<number> }).markerStopwatch = new Promise<number>((resolve) => {
      let pressed: number | null = null;
      const onKey = () => {
        pressed ??= performance.now();
      };
      const done = (ms: number) => {
        document.removeEventListener('keydown', onKey, true);
        sub.dispose();
        clearTimeout(timer);
        resolve(ms);
      };
      document.addEventListener('keydown', onKey, true);
      const sub = monaco.editor.onDidChangeMarkers(() => {
        if (pressed === null) return;
        const shown = monaco.editor
          .getModelMarkers({ owner: 'callflow' })
          .some((m: { severity: number }) => m.severity === monaco.MarkerSeverity.Error);
        if (shown !== wantErrors) return;
        const from = pressed;
        requestAnimationFrame(() => done(performance.now() - from));
      });
      const timer = setTimeout(() => done(Number.POSITIVE_INFINITY), 20_000);
    });
  }, errors);
  return () => page.evaluate(() => (globalThis as { markerStopwatch?: Promise<number> }).markerStopwatch!);
}

/**
 * Clicks Deploy and waits for the server's answer to that request (not for a notice that could
 * say something else): a failure shows what the server said.
 */
export async function deployAndWait(page: Page): Promise<{ status: number; body: any }> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (r: Response) =>
        r.request().method() === 'POST' && /\/flows\/[^/]+\/deploy$/.test(new URL(r.url()).pathname),
      { timeout: 60_000 },
    ),
    page.click('[data-testid=deploy]'),
  ]);
  return { status: response.status(), body: await response.json().catch(() => null) };
}

/** The count of errors the problems list shows (what the language worker last reported). */
export async function waitForErrorCount(page: Page, count: number, timeout = 15_000): Promise<void> {
  await page.waitForSelector(`[data-testid=error-count]:text-matches("^${count} ")`, { timeout });
}
