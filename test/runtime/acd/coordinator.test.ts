import { MemoryCoordinator } from '../../../runtime/acd/memory-coordinator.ts';
import { defineClusterCoordinatorSuite } from './cluster-coordinator-suite.ts';
import { defineCoordinatorSuite } from './coordinator-suite.ts';

defineCoordinatorSuite('MemoryCoordinator', async () => {
  const clock = { ms: 1_000_000 };
  return { coordinator: new MemoryCoordinator(() => clock.ms), tenant: 't', clock };
});

defineClusterCoordinatorSuite('MemoryCoordinator as a ClusterCoordinator', async () => {
  const clock = { ms: 1_000_000 };
  return {
    coordinator: new MemoryCoordinator(() => clock.ms),
    tenant: 't',
    clock,
    expire: async (ms) => {
      clock.ms += ms;
    },
  };
});
