/**
 * Routes outside any tenant: the OpenAPI description, a health check for load balancers, and the
 * prompt audio of the TTS cache (content-addressed ids, so responses are cached forever).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { speechPaths } from '../../../runtime/speech/speech-cache.ts';
import { notFound } from '../api-error.ts';
import { openApiDocument } from '../openapi.ts';
import type { RouteRegistry } from '../route-registry.ts';
import { pathParam } from '../validate.ts';

const PromptFile = z.string().regex(/^[0-9a-f]{16}\.wav$/);

export function systemRoutes(registry: RouteRegistry, version: string) {
  const group = registry.group('/api', 'system');

  group.get('/openapi.json', { summary: 'This description', access: { auth: 'public' } }, (c) =>
    c.json(openApiDocument(registry.routes, version)),
  );

  group.get(
    '/health',
    { summary: 'Liveness: the PBX connection and the runtime', access: { auth: 'public' } },
    (c) => {
      const { runtime } = c.var.deps;
      return c.json({ ok: true, activeCalls: runtime.activeCalls() });
    },
  );

  group.get(
    '/prompts/:file',
    {
      summary: 'Prompt audio from the TTS cache: /api/prompts/<id>.wav',
      access: { auth: 'session' },
      responses: { 200: 'audio/wav' },
    },
    async (c) => {
      const file = pathParam(c, 'file', PromptFile, ['Prompt', 'Запись']);
      const { wav } = speechPaths(c.var.deps.config.speechCacheDir, file.slice(0, -4));
      const audio = await readFile(wav).catch(() => null);
      if (!audio) throw notFound('Prompt audio', 'Аудио подсказки');
      return c.body(new Uint8Array(audio), 200, {
        'content-type': 'audio/wav',
        'cache-control': 'private, max-age=31536000, immutable',
      });
    },
  );

  return group;
}
