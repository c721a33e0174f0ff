/**
 * The simulator writes its own Swagger files. They must agree with what Asterisk 22 ships on every
 * operation they declare (path, method, nickname = ari-client's method name, parameters), and declare
 * every event type the simulator sends (ari-client crashes on an undeclared one).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredEventTypes, resourceDocs } from '../../../telephony/simulator/swagger/resource-docs.ts';
import { loadTrace, traceFiles } from '../support/trace-file.ts';

const shippedDir = resolve(import.meta.dirname, '../../../../shared/asterisk-ari/api-docs');

interface ShippedOperation {
  httpMethod: string;
  nickname: string;
  parameters?: Array<{ name: string; paramType: string; required: boolean; allowMultiple: boolean }>;
}

describe('simulator Swagger description files', () => {
  for (const doc of resourceDocs) {
    it(`${doc.resource}: every declared operation matches Asterisk 22's own description`, () => {
      const shipped = JSON.parse(readFileSync(resolve(shippedDir, `${doc.resource}.json`), 'utf8')) as {
        apis: Array<{ path: string; operations: ShippedOperation[] }>;
      };
      for (const api of doc.apis) {
        for (const op of api.operations) {
          const theirs = shipped.apis
            .find((a) => a.path === api.path)
            ?.operations.find((o) => o.httpMethod === op.method);
          expect(theirs, `${op.method} ${api.path}`).toBeDefined();
          expect(op.nickname).toBe(theirs!.nickname);
          for (const p of op.parameters) {
            const same = theirs!.parameters?.find((q) => q.name === p.name);
            expect(same, `${op.nickname}(${p.name})`).toBeDefined();
            expect([p.paramType, p.required, p.allowMultiple]).toEqual([
              same!.paramType,
              same!.required,
              same!.allowMultiple,
            ]);
          }
        }
      }
    });
  }

  it('declares every event type of the recorded traces the simulator emits', () => {
    const recorded = new Set<string>();
    for (const file of traceFiles()) {
      for (const line of loadTrace(file)) if (line.dir === 'event') recorded.add(String(line.event?.type));
    }
    recorded.delete('DeviceStateChanged'); // not emitted: see the deviations table
    expect([...recorded].filter((t) => !declaredEventTypes.has(t))).toEqual([]);
  });
});
