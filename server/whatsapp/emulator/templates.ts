import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from './context';
import { graphErrors } from './errors';
import { fieldList, queryOf, type Params } from './graph-http';
import { paginate } from './paging';
import { isObj, requireArray, requireString } from './params';
import { TEMPLATE_CATEGORIES, templateComponent } from './schemas';
import type { TemplateRecord } from './state';

const TEMPLATE_FIELDS = ['id', 'name', 'status', 'category', 'language', 'components', 'parameter_format', 'quality_score', 'rejected_reason', 'previous_category'];
const DEFAULT_FIELDS = ['name', 'parameter_format', 'components', 'language', 'status', 'category', 'id'];

function templateNode(t: TemplateRecord, fields: string[]): Record<string, unknown> {
  const all: Record<string, unknown> = {
    name: t.name,
    parameter_format: t.parameterFormat,
    components: t.components,
    language: t.language,
    status: t.status,
    category: t.category,
    quality_score: { score: t.qualityScore },
    rejected_reason: t.status === 'REJECTED' ? 'INVALID_FORMAT' : 'NONE',
    id: t.id,
  };
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f in all) out[f] = all[f];
  out.id = t.id;
  return out;
}

function ensureWaba(ctx: EmulatorContext, id: string, method: 'get' | 'post' | 'delete'): void {
  if (!ctx.state.isWaba(id)) throw graphErrors.unknownObject(id, method);
}

export function registerTemplateRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get<{ Params: Params }>('/:version/:id/message_templates', async (req) => {
    ensureWaba(ctx, req.params.id, 'get');
    const query = queryOf(req);
    const fields = fieldList(query.fields) ?? DEFAULT_FIELDS;
    const unknown = fields.find((f) => !TEMPLATE_FIELDS.includes(f));
    if (unknown) throw graphErrors.nonexistingField(unknown, 'WhatsAppBusinessHSM');
    const matches = [...ctx.state.templates.values()].filter(
      (t) =>
        t.wabaId === req.params.id &&
        (query.status === undefined || query.status.split(',').includes(t.status)) &&
        (query.category === undefined || query.category.split(',').includes(t.category)) &&
        (query.language === undefined || t.language === query.language) &&
        (query.name === undefined || t.name === query.name),
    );
    const pageUrl = new URL(`/${req.params.version}/${req.params.id}/message_templates`, ctx.baseUrl());
    const page = paginate(matches, query, pageUrl);
    return { ...page, data: page.data.map((t) => templateNode(t, fields)) };
  });

  app.post<{ Params: Params }>('/:version/:id/message_templates', async (req) => {
    ensureWaba(ctx, req.params.id, 'post');
    const body = isObj(req.body) ? req.body : {};
    const name = requireString(body, 'name', 'name', { max: 512 });
    if (!/^[a-z0-9_]+$/.test(name)) throw graphErrors.invalidParameter('Param name may only contain lowercase letters, digits and underscores.');
    const language = requireString(body, 'language', 'language');
    const category = requireString(body, 'category', 'category').toUpperCase();
    if (!(TEMPLATE_CATEGORIES as readonly string[]).includes(category)) {
      throw graphErrors.invalidParameter(`Param category must be one of {${TEMPLATE_CATEGORIES.join(', ')}} - got "${category}".`);
    }
    const components = requireArray(body, 'components', 'components').map((c, i) => {
      const parsed = templateComponent.safeParse(c);
      if (!parsed.success) throw graphErrors.invalidParameter(`Param components[${i}] is not a valid template component.`);
      return { ...parsed.data, type: parsed.data.type.toUpperCase() };
    });
    if (!components.some((c) => c.type === 'BODY')) throw graphErrors.missingParameter('A template needs a BODY component.');
    if (ctx.state.findTemplate(req.params.id, name, language)) throw graphErrors.templateExists(name, language);
    const parameterFormat = body.parameter_format === 'NAMED' || body.parameter_format === 'named' ? 'NAMED' : 'POSITIONAL';
    const template = ctx.state.addTemplate(
      { wabaId: req.params.id, name, language, category: category as TemplateRecord['category'], components, parameterFormat },
      'PENDING',
    );
    return { id: template.id, status: template.status, category: template.category };
  });

  app.delete<{ Params: Params }>('/:version/:id/message_templates', async (req) => {
    ensureWaba(ctx, req.params.id, 'delete');
    const query = queryOf(req);
    if (!query.name) throw graphErrors.missingParameter('The parameter name is required.');
    const doomed = [...ctx.state.templates.values()].filter(
      (t) => t.wabaId === req.params.id && t.name === query.name && (query.hsm_id === undefined || t.id === query.hsm_id),
    );
    if (doomed.length === 0) throw graphErrors.invalidParameter(`Message template "${query.name}" was not found.`);
    for (const t of doomed) ctx.state.templates.delete(t.id);
    return { success: true };
  });
}
