/** The ARI-compatible PBX simulator: start it, drive it through `control`, point ARI clients at `ariUrl`. */
export { type SimCall, type SimCallSummary, SimControl } from './control.ts';
export { callflowDialplan, type Dialplan, type DialplanStep, step, traceDialplan } from './dialplan.ts';
export type { PlaceCallOptions } from './inbound-calls.ts';
export { type OperatorBehaviour, parseOperatorBehaviour } from './operators.ts';
export { type PbxSimulator, type PbxSimulatorOptions, startPbxSimulator } from './server.ts';
export { RealClock, type SimClock, type TimerHandle, VirtualClock } from './sim-clock.ts';
export type { TranscriptEntry, TranscriptEvent } from './transcript.ts';
