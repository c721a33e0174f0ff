/** A campaign's survey version from the store, as the dialer loads it into the runtime. */
import type { FlowMeta, SourceMapV3 } from '../../../language/compiled-format.ts';
import type { SurveyFlow } from '../../../runtime/dialer/dialer-types.ts';
import type { Db } from '../../../runtime/store/database.ts';
import { getVersionById } from '../../../runtime/store/queries/flows.ts';
import { StoreError } from '../../../runtime/store/store-error.ts';

export async function storedSurvey(db: Db, tenant: string, versionId: string): Promise<SurveyFlow> {
  const version = await getVersionById(db, tenant, versionId);
  if (!version) {
    throw new StoreError(
      'not-found',
      `Survey version ${versionId} not found.`,
      `Версия опроса ${versionId} не найдена.`,
    );
  }
  return {
    compiled: {
      meta: version.meta as FlowMeta,
      code: version.compiledCode,
      sourceMap: version.sourceMap as SourceMapV3,
    },
    source: version.source,
  };
}
