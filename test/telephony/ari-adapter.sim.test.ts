import { definePortSuite } from './port-suite.ts';
import { simHarness } from './support/sim-harness.ts';

definePortSuite('PbxPort: ARI adapter on the PBX simulator (loopback, real ari-client)', simHarness);
