/**
 * A CallLogSink in front of the store's writer that records the store's version number of the flow
 * a call ran on (the runtime counts the versions it loaded itself, which drifts from the store's
 * numbering after a restart or a rollback).
 */
import type { CallLogSink, CallRecord } from '../../../runtime/call-log.ts';

export class VersionedCallLog implements CallLogSink {
  constructor(
    private readonly inner: CallLogSink,
    private readonly versionOf: (flowId: string) => number | null,
  ) {}

  write(record: CallRecord): Promise<void> {
    const version = record.flowId ? this.versionOf(record.flowId) : null;
    return this.inner.write(version === null ? record : { ...record, flowVersion: version });
  }
}
