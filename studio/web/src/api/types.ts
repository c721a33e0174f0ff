/**
 * What the studio reads from the server's API (studio/server/routes/*), as the studio uses it.
 * Dates arrive as ISO strings.
 */
import type { Diagnostic } from '../../../../language/diagnostic.ts';
import type { Workspace } from '../../../../language/workspace.ts';

export type Role = 'admin' | 'analyst' | 'supervisor' | 'operator';

export interface User {
  id: string;
  email: string;
  displayName: string;
}

export interface Membership {
  tenant: { id: string; name: string };
  roles: Role[];
}

export interface LoginResponse {
  token: string;
  user: User;
  tenant: string;
  memberships: Membership[];
}

export interface MeResponse {
  user: User;
  memberships: Membership[];
}

export interface WorkspaceResponse {
  effective: Workspace;
}

export interface Draft {
  source: string;
  savedAt: string;
  savedBy: string;
}

export interface FlowSummary {
  name: string;
  activeVersion: number | null;
  numbers: string[];
  draft: Draft | null;
}

export interface FlowDetail {
  name: string;
  active: { version: number; source: string; createdAt: string } | null;
  versions: number;
  draft: Draft | null;
}

export interface CheckResponse {
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
}

export interface SaveDraftResponse extends CheckResponse {
  savedAt: string;
}

export interface DeployResult {
  flow: string;
  version: number;
  previous: number | null;
  unchanged: boolean;
  numbers: string[];
  live: boolean;
}

export interface VersionSummary {
  id: string;
  number: number;
  authorId: string | null;
  authorEmail: string | null;
  authorName: string | null;
  createdAt: string;
  active: boolean;
}

export interface VersionDetail {
  number: number;
  source: string;
  createdAt: string;
}

export interface DeploymentEntry {
  id: number;
  kind: 'deploy' | 'rollback' | string;
  deployedBy: string | null;
  deployedByEmail: string | null;
  deployedByName: string | null;
  deployedAt: string;
  active: boolean;
  versionNumber: number;
}

export interface NumberBinding {
  number: string;
  flowName: string;
  activeVersion: number | null;
}

export type SimStatus = 'scheduled' | 'ringing' | 'in-progress' | 'ended';

export interface SimCallView {
  id: string;
  from: string;
  to: string;
  placeAt: number;
  status: SimStatus;
  callId: string | null;
  /** True when the call runs on the source sent with it (the editor's text), not the deployed version. */
  draft: boolean;
  /** The flow's clock at the start (ms since the epoch) when a time of day was asked for. */
  clockAt: number | null;
}

/** One event of a simulated call, as call-event-view.ts shapes it (plus the simulator's own). */
export type SimEvent = { at: number; type: string } & Record<string, unknown>;

export interface FlowTestCase {
  name: string;
  /** Line of the case in the test text. */
  line: number;
  passed: boolean;
  failure: { line: number; message: string; flowLine: number | null; heard: string[] } | null;
  realMs: number;
}

export interface FlowTestsResponse {
  flow: string;
  passed: number;
  failed: number;
  /** Problems with the test text itself (a case that cannot run). */
  problems: string[];
  cases: FlowTestCase[];
}

export type LiveMessage =
  | { kind: 'hello'; tenant: string; roles: Role[] }
  | { kind: 'pong' }
  | { kind: 'sim'; tenant: string; simId: string; event: SimEvent }
  | { kind: 'deploy'; tenant: string; flow: string; version: number }
  | { kind: 'call' | 'acd' | 'import'; tenant: string };
