/** What test/runtime/acd/cluster-pg.test.ts and its child processes (cluster-node.ts) say to each other. */

export const CLUSTER_TENANT = 'abc';
export const CLUSTER_OPERATORS = [
  { id: 'anna', extension: '1001', queues: ['q'] },
  { id: 'boris', extension: '1002', queues: ['q', 'q2'] },
  { id: 'vera', extension: '1003', queues: ['q'] },
  { id: 'gleb', extension: '1004', queues: ['q'] },
];

export type NodeCommand =
  | { cmd: 'call'; id: string; queue?: string; talkMs: number; patienceMs?: number; maxWaitMs?: number }
  | { cmd: 'log-in'; operator: string; state: string }
  | { cmd: 'state'; operator: string; state: string }
  | { cmd: 'quit' };

export type NodeReport =
  | { ev: 'ready'; node: string }
  | {
      ev: 'outcome';
      node: string;
      id: string;
      type: string;
      operator?: string;
      waitedMs?: number;
      at: number;
    }
  | {
      ev: 'ring';
      node: string;
      endpoint: string;
      callId: string;
      start: number;
      end: number;
      answered: boolean;
    }
  | { ev: 'acd'; node: string; event: Record<string, unknown> }
  | { ev: 'log'; node: string; line: string };
