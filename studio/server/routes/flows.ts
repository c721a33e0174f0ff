/**
 * Flows: list, read, save a draft, check, deploy, roll back, versions and the diff between two.
 * Analysts (and admins) edit and check; only admins deploy and roll back. A deployed version never
 * changes; the draft is the one editable copy per flow.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import {
  getFlow,
  getVersion,
  listActiveVersions,
  listDeployments,
  listFlows,
  listVersions,
} from '../../../runtime/store/queries/flows.ts';
import { ApiError, notFound } from '../api-error.ts';
import type { AppEnv } from '../app-env.ts';
import { identityOf } from '../auth/authenticate.ts';
import { ROLE_SETS, tenantOf } from '../auth/require-role.ts';
import { checkSource, deploySource, rollback } from '../flows/flow-service.ts';
import { runFlowTests } from '../flows/flow-tests.ts';
import { diffLines } from '../flows/line-diff.ts';
import { requestLocale } from '../locale.ts';
import { getDraft, listDrafts, saveDraft } from '../queries/tenant-settings.ts';
import { userNames } from '../queries/users.ts';
import type { RouteRegistry } from '../route-registry.ts';
import { pathParam } from '../validate.ts';

const Source = z.string().min(1).max(500_000);
const SourceBody = z.strictObject({ source: Source });
const OptionalSourceBody = z.strictObject({ source: Source.optional() });
const DeployAllBody = z.strictObject({ source: Source, file: z.string().max(300).optional() });
const RollbackBody = z.strictObject({ to: z.number().int().min(1).optional() });
const VersionRef = z.union([z.literal('draft'), z.coerce.number().int().min(1)]);
const DiffQuery = z.object({ from: VersionRef.optional(), to: VersionRef.optional() });
const TestsBody = z.strictObject({ source: Source.optional(), tests: z.string().min(1).max(500_000) });

const FlowName = z.string().min(1).max(200);
const flowParam = (c: Context<AppEnv>) => pathParam(c, 'flow', FlowName, ['Flow', 'Поток']);

export function flowRoutes(registry: RouteRegistry) {
  const group = registry.group('/api/t/:tenant', 'flows');

  group.get(
    '/flows',
    { summary: 'Flows with their active version and draft', access: { roles: ROLE_SETS.flowReaders } },
    async (c) => {
      const { db } = c.var.deps;
      const tenant = tenantOf(c).id;
      const [flows, active, drafts] = await Promise.all([
        listFlows(db, tenant),
        listActiveVersions(db, tenant),
        listDrafts(db, tenant),
      ]);
      const activeByName = new Map(active.map((a) => [a.flowName, a]));
      const names = [...new Set([...flows.map((f) => f.name), ...Object.keys(drafts)])].sort();
      return c.json({
        flows: names.map((name) => {
          const a = activeByName.get(name);
          return {
            name,
            activeVersion: a?.version.number ?? null,
            numbers: (a?.version.meta as { answers?: string[] } | undefined)?.answers ?? [],
            draft: drafts[name] ?? null,
            liveHere: c.var.deps.deployments.activeHere(tenant, name)?.version ?? null,
          };
        }),
      });
    },
  );

  group.get(
    '/flows/:flow',
    { summary: 'A flow: its active source and its draft', access: { roles: ROLE_SETS.flowReaders } },
    async (c) => {
      const { db } = c.var.deps;
      const tenant = tenantOf(c).id;
      const name = flowParam(c);
      const [flow, draft, versions] = await Promise.all([
        getFlow(db, tenant, name),
        getDraft(db, tenant, name),
        listVersions(db, tenant, name),
      ]);
      if (!flow && !draft) throw notFound(`Flow "${name}"`, `Поток «${name}»`);
      const active = versions.find((v) => v.active) ?? null;
      const activeSource = active ? await getVersion(db, tenant, name, active.number) : null;
      return c.json({
        name,
        active:
          active && activeSource
            ? { version: active.number, source: activeSource.source, createdAt: activeSource.createdAt }
            : null,
        versions: versions.length,
        draft,
      });
    },
  );

  group.put(
    '/flows/:flow/draft',
    {
      summary: 'Save the draft (returns its diagnostics)',
      access: { roles: ROLE_SETS.authors },
      body: SourceBody,
    },
    async (c, { body }) => {
      const { db, clock } = c.var.deps;
      const tenant = tenantOf(c).id;
      const name = flowParam(c);
      const draft = {
        source: body.source,
        savedAt: new Date(clock.now()).toISOString(),
        savedBy: identityOf(c).email,
      };
      const checked = await checkSource(c.var.deps, tenant, body.source, requestLocale(c));
      await saveDraft(db, tenant, name, draft);
      return c.json({
        savedAt: draft.savedAt,
        diagnostics: checked.diagnostics,
        errors: checked.errors,
        warnings: checked.warnings,
      });
    },
  );

  group.post(
    '/check',
    {
      summary: 'Check a source against the tenant workspace',
      access: { roles: ROLE_SETS.authors },
      body: SourceBody,
    },
    async (c, { body }) => {
      const checked = await checkSource(c.var.deps, tenantOf(c).id, body.source, requestLocale(c));
      return c.json({
        diagnostics: checked.diagnostics,
        errors: checked.errors,
        warnings: checked.warnings,
        flows: checked.flows,
      });
    },
  );

  group.post(
    '/flows/:flow/check',
    {
      summary: 'Check a flow (the given source, else its draft)',
      access: { roles: ROLE_SETS.authors },
      body: OptionalSourceBody,
    },
    async (c, { body }) => {
      const tenant = tenantOf(c).id;
      const source = body.source ?? (await draftSource(c, tenant));
      const checked = await checkSource(c.var.deps, tenant, source, requestLocale(c));
      return c.json({
        diagnostics: checked.diagnostics,
        errors: checked.errors,
        warnings: checked.warnings,
        flows: checked.flows,
      });
    },
  );

  group.post(
    '/flows/:flow/deploy',
    {
      summary:
        'Deploy a flow (the given source, else its draft): checks first, refuses with 422 + diagnostics on errors',
      access: { roles: ROLE_SETS.admins },
      body: OptionalSourceBody,
      responses: { 201: 'Deployed (or unchanged)' },
    },
    async (c, { body }) => {
      const tenant = tenantOf(c).id;
      const name = flowParam(c);
      const source = body.source ?? (await draftSource(c, tenant));
      const [result] = await deploySource(c.var.deps, {
        tenant,
        source,
        only: name,
        userId: identityOf(c).userId,
        locale: requestLocale(c),
      });
      // The draft is the one editable copy: after deploying the editor's text it must hold that text,
      // or the studio would reopen the flow on an older draft than what is live.
      if (body.source !== undefined) {
        const { db, clock } = c.var.deps;
        const savedAt = new Date(clock.now()).toISOString();
        await saveDraft(db, tenant, name, { source, savedAt, savedBy: identityOf(c).email });
      }
      return c.json(result, result.unchanged ? 200 : 201);
    },
  );

  group.post(
    '/deploy',
    {
      summary:
        'Deploy every flow a source declares (the CLI): all checked first, nothing deployed on an error',
      access: { roles: ROLE_SETS.admins },
      body: DeployAllBody,
      responses: { 201: 'Deployed' },
    },
    async (c, { body }) => {
      const results = await deploySource(c.var.deps, {
        tenant: tenantOf(c).id,
        source: body.source,
        fileName: body.file,
        userId: identityOf(c).userId,
        locale: requestLocale(c),
      });
      return c.json({ deployed: results }, results.every((r) => r.unchanged) ? 200 : 201);
    },
  );

  group.post(
    '/flows/:flow/rollback',
    {
      summary: 'Re-activate an earlier version (the previous one, or `to`)',
      access: { roles: ROLE_SETS.admins },
      body: RollbackBody,
    },
    async (c, { body }) => {
      const result = await rollback(c.var.deps, {
        tenant: tenantOf(c).id,
        flow: flowParam(c),
        to: body.to,
        userId: identityOf(c).userId,
      });
      return c.json(result);
    },
  );

  group.get(
    '/flows/:flow/versions',
    {
      summary: 'Versions, newest first, with who stored each (authorEmail, authorName)',
      access: { roles: ROLE_SETS.flowReaders },
    },
    async (c) => {
      const { db } = c.var.deps;
      const tenant = tenantOf(c).id;
      const name = flowParam(c);
      const versions = await listVersions(db, tenant, name);
      if (versions.length === 0 && !(await getFlow(db, tenant, name)))
        throw notFound(`Flow "${name}"`, `Поток «${name}»`);
      const names = await userNames(
        db,
        versions.map((v) => v.authorId),
      );
      return c.json({
        flow: name,
        versions: versions.map((v) => {
          const author = v.authorId ? names.get(v.authorId) : undefined;
          return { ...v, authorEmail: author?.email ?? null, authorName: author?.displayName ?? null };
        }),
      });
    },
  );

  group.get(
    '/flows/:flow/versions/:number',
    { summary: 'One version with its source', access: { roles: ROLE_SETS.flowReaders } },
    async (c) => {
      const name = flowParam(c);
      const number = pathParam(c, 'number', z.coerce.number().int().min(1), ['Version', 'Версия']);
      const version = await getVersion(c.var.deps.db, tenantOf(c).id, name, number);
      if (!version)
        throw notFound(`Version ${number} of flow "${name}"`, `Версия ${number} потока «${name}»`);
      const { compiledCode: _code, sourceMap: _map, tenantId: _tenant, ...rest } = version;
      return c.json(rest);
    },
  );

  group.get(
    '/flows/:flow/deployments',
    {
      summary: 'Deployments and rollbacks, newest first, with who did each (deployedByEmail, deployedByName)',
      access: { roles: ROLE_SETS.flowReaders },
    },
    async (c) => {
      const name = flowParam(c);
      const deployments = await listDeployments(c.var.deps.db, tenantOf(c).id, name);
      if (deployments.length === 0 && !(await getFlow(c.var.deps.db, tenantOf(c).id, name)))
        throw notFound(`Flow "${name}"`, `Поток «${name}»`);
      const names = await userNames(
        c.var.deps.db,
        deployments.map((d) => d.deployedBy),
      );
      return c.json({
        flow: name,
        deployments: deployments.map((d) => {
          const by = d.deployedBy ? names.get(d.deployedBy) : undefined;
          return { ...d, deployedByEmail: by?.email ?? null, deployedByName: by?.displayName ?? null };
        }),
      });
    },
  );

  group.get(
    '/flows/:flow/diff',
    {
      summary:
        'Line diff between two versions (`draft` for the draft); default: the active one against its predecessor',
      access: { roles: ROLE_SETS.flowReaders },
      query: DiffQuery,
    },
    async (c, { query }) => {
      const { db } = c.var.deps;
      const tenant = tenantOf(c).id;
      const name = flowParam(c);
      const versions = await listVersions(db, tenant, name);
      const to = query.to ?? versions.find((v) => v.active)?.number ?? versions[0]?.number;
      if (to === undefined) throw notFound(`Flow "${name}"`, `Поток «${name}»`);
      const from =
        query.from ??
        (to === 'draft' ? (versions.find((v) => v.active)?.number ?? versions[0]?.number) : to - 1);
      const load = async (ref: number | 'draft' | undefined): Promise<string> => {
        if (ref === undefined || ref === 0) return '';
        if (ref === 'draft') {
          const draft = await getDraft(db, tenant, name);
          if (!draft) throw notFound(`The draft of flow "${name}"`, `Черновик потока «${name}»`);
          return draft.source;
        }
        const version = await getVersion(db, tenant, name, ref);
        if (!version) throw notFound(`Version ${ref} of flow "${name}"`, `Версия ${ref} потока «${name}»`);
        return version.source;
      };
      const diff = diffLines(await load(from), await load(to), {
        old: label(name, from),
        new: label(name, to),
      });
      return c.json({ flow: name, from: from ?? null, to, ...diff });
    },
  );

  group.post(
    '/flows/:flow/tests',
    {
      summary: 'Run .flowtest cases on the given source (else the draft): results per case',
      access: { roles: ROLE_SETS.authors },
      body: TestsBody,
    },
    async (c, { body }) => {
      const tenant = tenantOf(c).id;
      const source = body.source ?? (await draftSource(c, tenant));
      return c.json(
        await runFlowTests(c.var.deps, {
          tenant,
          flow: flowParam(c),
          source,
          tests: body.tests,
          locale: requestLocale(c),
        }),
      );
    },
  );

  return group;
}

async function draftSource(c: Context<AppEnv>, tenant: string): Promise<string> {
  const name = flowParam(c);
  const draft = await getDraft(c.var.deps.db, tenant, name);
  if (!draft) {
    throw new ApiError(
      422,
      'no-source',
      `Send a source, or save a draft of flow "${name}" first.`,
      `Передайте исходный текст или сначала сохраните черновик потока «${name}».`,
    );
  }
  return draft.source;
}

function label(flow: string, ref: number | 'draft' | undefined): string {
  return ref === undefined || ref === 0 ? '/dev/null' : `${flow}@${ref}`;
}
