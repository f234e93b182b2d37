import { and, eq, sql } from 'drizzle-orm';
import type { TemplateInfo } from '../../shared/api/templates';
import { uuidv7 } from '../../shared/uuid';
import type { DbOrTx } from '../db/client';
import { numbers, templates } from '../db/schema';
import { describeTemplate, templateVariableProblem, type StoredComponent } from '../domain/templates';
import type { AccessScope } from './access';
import type { ServiceContext } from './context';
import { AppError } from './errors';

/** The cached copy is refreshed from Graph when older than this (status webhooks keep it current between). */
const FRESH_MS = 15 * 60_000;

/** Fetches every template of a WABA (all pages) and replaces the cached copy. */
export async function refreshTemplates(ctx: ServiceContext, wabaId: string): Promise<number> {
  const fetched = await ctx.graph.listTemplates(wabaId);
  const now = ctx.clock.now();
  for (const t of fetched) {
    await ctx.db
      .insert(templates)
      .values({ id: uuidv7(), wabaId, metaId: t.id, name: t.name, language: t.language, category: t.category ?? 'UTILITY', status: t.status, parameterFormat: t.parameterFormat ?? 'POSITIONAL', components: t.components, updatedAt: now })
      .onConflictDoUpdate({
        target: [templates.wabaId, templates.name, templates.language],
        set: { metaId: t.id, category: t.category ?? 'UTILITY', status: t.status, parameterFormat: t.parameterFormat ?? 'POSITIONAL', components: t.components, updatedAt: now },
      });
  }
  return fetched.length;
}

async function ensureFresh(ctx: ServiceContext, wabaId: string): Promise<void> {
  const [r] = await ctx.db.select({ newest: sql<string | null>`max(${templates.updatedAt})` }).from(templates).where(eq(templates.wabaId, wabaId));
  const newest = r?.newest ? new Date(r.newest).getTime() : 0;
  if (ctx.clock.now().getTime() - newest < FRESH_MS) return;
  try {
    await refreshTemplates(ctx, wabaId);
  } catch (err) {
    // WhatsApp unreachable: the cached copy (if any) still serves.
    ctx.log.warn({ err, wabaId }, 'could not refresh templates; using the cached copy');
  }
}

/** Approved templates of the number's WABA, with the variables each needs (SPEC ATD-2 active messages). */
export async function approvedTemplates(ctx: ServiceContext, scope: AccessScope, numberId: string): Promise<TemplateInfo[]> {
  await scope.requireNumber(numberId);
  const [number] = await ctx.db.select({ wabaId: numbers.wabaId }).from(numbers).where(eq(numbers.id, numberId));
  await ensureFresh(ctx, number!.wabaId);
  const found = await ctx.db.select().from(templates).where(and(eq(templates.wabaId, number!.wabaId), eq(templates.status, 'APPROVED'))).orderBy(templates.name, templates.language);
  return found.map((t) => describeTemplate({ ...t, components: t.components as StoredComponent[] }));
}

/** The approved template a send names, with its variables checked; refuses clearly otherwise. */
export async function checkedTemplate(
  db: DbOrTx,
  wabaId: string,
  req: { template: string; language: string; variables: string[]; headerVariables: string[]; buttonVariables: string[] },
): Promise<TemplateInfo> {
  const [t] = await db.select().from(templates).where(and(eq(templates.wabaId, wabaId), eq(templates.name, req.template), eq(templates.language, req.language)));
  if (!t || t.status !== 'APPROVED') {
    throw new AppError('unknown_template', `There is no approved template "${req.template}" in ${req.language} for this number. Pick one from the list of approved templates.`, 'template');
  }
  const info = describeTemplate({ ...t, components: t.components as StoredComponent[] });
  const problem = templateVariableProblem(info, { body: req.variables, header: req.headerVariables, buttons: req.buttonVariables });
  if (problem) throw new AppError('template_mismatch', problem.message, problem.field);
  return info;
}
