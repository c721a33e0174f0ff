import { MemoryCoordinator } from '../../../runtime/acd/memory-coordinator.ts';
import { defineCoordinatorSuite } from './coordinator-suite.ts';

defineCoordinatorSuite('MemoryCoordinator', async () => {
  const clock = { ms: 1_000_000 };
  return { coordinator: new MemoryCoordinator(() => clock.ms), tenant: 't', clock };
});
