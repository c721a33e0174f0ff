import { describeStoreSuite } from './store-suite.ts';

describeStoreSuite('pglite');
