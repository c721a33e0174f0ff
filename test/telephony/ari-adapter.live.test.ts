/**
 * The port suite against a real Asterisk 20/22 loaded with telephony/asterisk/ (see telephony/README.md):
 *   ARI_LIVE_URL=http://127.0.0.1:8088 [ARI_LIVE_USERNAME=.. ARI_LIVE_PASSWORD=..] npx vitest run test/telephony
 */
import { describe, it } from 'vitest';
import { definePortSuite } from './port-suite.ts';
import { liveHarness } from './support/live-harness.ts';

const url = process.env.ARI_LIVE_URL;

if (url) {
  definePortSuite(`PbxPort: ARI adapter on a live Asterisk (${url})`, () => liveHarness(url));
} else {
  console.warn(
    'live Asterisk suite skipped: set ARI_LIVE_URL (e.g. http://127.0.0.1:8088) to an Asterisk loaded with telephony/asterisk/',
  );
  describe.skip('PbxPort: ARI adapter on a live Asterisk', () => {
    it('needs ARI_LIVE_URL', () => {});
  });
}
