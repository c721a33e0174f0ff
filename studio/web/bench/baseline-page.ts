/** Benchmark baseline: the studio's Monaco setup with no language attached (plain text). */
import { installBench } from './bench-harness.ts';

installBench({
  languageId: 'plaintext',
  whenSettled: (_model, _version, done) => done(),
});
