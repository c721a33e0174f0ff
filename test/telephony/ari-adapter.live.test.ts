/**
 * The port suite against a real Asterisk 20/22 loaded with telephony/asterisk/ (see telephony/README.md):
 *   ARI_URL=http://127.0.0.1:8088/ari [ARI_USERNAME=.. ARI_PASSWORD=..] npx vitest run test/telephony
 * The same variables the product reads; ARI_LIVE_URL (and ARI_LIVE_USERNAME/PASSWORD/APP), when set, win,
 * so a test box can point the suite elsewhere than the product.
 */
import { describe, it } from 'vitest';
import { definePortSuite } from './port-suite.ts';
import { liveHarness } from './support/live-harness.ts';

const url = process.env.ARI_LIVE_URL || process.env.ARI_URL;

if (url) {
  definePortSuite(`PbxPort: ARI adapter on a live Asterisk (${url})`, () => liveHarness(url));
} else {
  console.warn(
    'live Asterisk suite skipped: set ARI_URL (e.g. http://127.0.0.1:8088/ari) to an Asterisk loaded with telephony/asterisk/',
  );
  describe.skip('PbxPort: ARI adapter on a live Asterisk', () => {
    it('needs ARI_URL', () => {});
  });
}
