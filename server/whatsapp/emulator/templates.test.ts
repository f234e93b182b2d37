import { describe, expect, it } from 'vitest';
import { CUSTOMER, PNID, useTestEmulator, TOKEN, until, WABA } from './test-support';
import type { GraphErrorBody, WireTemplateStatusValue } from './wire';

const t = useTestEmulator();

interface Page {
  data: Array<Record<string, unknown>>;
  paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
}

function addMany(count: number): void {
  for (let i = 0; i < count; i++) {
    t.emulator.control.addTemplate({
      wabaId: WABA, name: `aviso_${i}`, language: i % 2 === 0 ? 'pt_BR' : 'en_US', category: 'MARKETING',
      status: i === 3 ? 'REJECTED' : 'APPROVED', components: [{ type: 'BODY', text: `Aviso ${i} para {{1}}` }],
    });
  }
}

async function follow(url: string): Promise<Page> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

describe('GET /{waba}/message_templates', () => {
  it('pages with cursors and a next link that disappears on the last page', async () => {
    addMany(5); // plus the two seeded templates: 7 in all
    const first = await t.graph<Page>('GET', `/v21.0/${WABA}/message_templates?limit=3&fields=name,status,language`);
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(3);
    expect(Object.keys(first.body.data[0] ?? {}).sort()).toEqual(['id', 'language', 'name', 'status']);
    expect(first.body.paging?.cursors.after).toBeTruthy();
    expect(first.body.paging?.previous).toBeUndefined();
    const next = first.body.paging?.next ?? '';
    expect(next).toContain(`/v21.0/${WABA}/message_templates?`);
    expect(next).toContain('limit=3');
    expect(next).not.toContain(TOKEN);

    const names: unknown[] = first.body.data.map((d) => d.name);
    let page = await follow(next);
    names.push(...page.data.map((d) => d.name));
    expect(page.paging?.previous).toBeTruthy();
    page = await follow(page.paging?.next ?? '');
    names.push(...page.data.map((d) => d.name));
    expect(page.data).toHaveLength(1);
    expect(page.paging?.next).toBeUndefined();
    expect(names).toEqual(['atendimento_esta_disponivel', 'pedido_enviado', 'aviso_0', 'aviso_1', 'aviso_2', 'aviso_3', 'aviso_4']);

    const back = await follow(page.paging?.previous ?? '');
    expect(back.data.map((d) => d.name)).toEqual(['aviso_1', 'aviso_2', 'aviso_3']);
  });

  it('filters by status, name and language and returns the default fields', async () => {
    addMany(5);
    const approved = await t.graph<Page>('GET', `/v21.0/${WABA}/message_templates?status=APPROVED&language=pt_BR`);
    expect(approved.body.data.map((d) => d.name)).toEqual(['atendimento_esta_disponivel', 'pedido_enviado', 'aviso_0', 'aviso_2', 'aviso_4']);
    expect(approved.body.paging?.next).toBeUndefined();
    const byName = await t.graph<Page>('GET', `/v21.0/${WABA}/message_templates?name=atendimento_esta_disponivel`);
    expect(byName.body.data).toHaveLength(1);
    expect(byName.body.data[0]).toMatchObject({
      name: 'atendimento_esta_disponivel', language: 'pt_BR', status: 'APPROVED', category: 'UTILITY', parameter_format: 'POSITIONAL',
      components: [{ type: 'BODY' }, { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Sim' }, { type: 'QUICK_REPLY', text: 'Não' }] }],
    });
    expect(byName.body.data[0]?.id).toMatch(/^\d+$/);
    const none = await t.graph<Page>('GET', `/v21.0/${WABA}/message_templates?name=nada`);
    expect(none.body).toEqual({ data: [] });
  });

  it('answers unknown WABAs and fields like Graph', async () => {
    const waba = await t.graph<GraphErrorBody>('GET', '/v21.0/987654/message_templates');
    expect(waba.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    const field = await t.graph<GraphErrorBody>('GET', `/v21.0/${WABA}/message_templates?fields=name,colour`);
    expect(field.body.error.message).toBe('(#100) Tried accessing nonexisting field (colour) on node type (WhatsAppBusinessHSM)');
  });
});

describe('creating and reviewing templates', () => {
  const create = { name: 'retorno_ligacao', language: 'pt_BR', category: 'UTILITY', components: [{ type: 'BODY', text: 'Olá {{1}}, retornamos sua ligação.', example: { body_text: [['Ana']] } }] };
  const sendIt = () =>
    t.graph<GraphErrorBody & { messages: Array<{ id: string; message_status: string }> }>('POST', `/v21.0/${PNID}/messages`, {
      messaging_product: 'whatsapp', to: CUSTOMER, type: 'template',
      template: { name: 'retorno_ligacao', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }] },
    });

  it('creates as PENDING, refuses sends until approved, and announces the approval by webhook', async () => {
    const res = await t.graph<{ id: string; status: string; category: string }>('POST', `/v21.0/${WABA}/message_templates`, create);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: expect.stringMatching(/^\d+$/), status: 'PENDING', category: 'UTILITY' });
    expect((await sendIt()).body.error.code).toBe(132001);

    t.emulator.control.setTemplateStatus(res.body.id, { status: 'APPROVED' });
    const hook = await until(() => t.sink.received.find((w) => w.body.entry[0]?.changes[0]?.field === 'message_template_status_update'));
    const entry = hook.body.entry[0];
    expect(entry?.id).toBe(WABA);
    expect(Number.isInteger(entry?.time)).toBe(true);
    expect(entry?.changes[0]?.value).toEqual({
      event: 'APPROVED', message_template_id: Number(res.body.id), message_template_name: 'retorno_ligacao',
      message_template_language: 'pt_BR', reason: 'NONE', message_template_category: 'UTILITY',
    });
    expect(entry?.changes[0]?.value).not.toHaveProperty('messaging_product');
    const sent = await sendIt();
    expect(sent.status).toBe(200);
    expect(sent.body.messages[0]?.message_status).toBe('accepted');
  });

  it('sends REJECTED with the reason, and refuses duplicates and bad input', async () => {
    const { body } = await t.graph<{ id: string }>('POST', `/v21.0/${WABA}/message_templates`, create);
    t.emulator.control.setTemplateStatus(body.id, { status: 'REJECTED', reason: 'INVALID_FORMAT', rejectionInfo: { reason: 'Parâmetros colados', recommendation: 'Separe os parâmetros' } });
    const hook = await until(() => t.sink.received.find((w) => w.body.entry[0]?.changes[0]?.field === 'message_template_status_update'));
    expect((hook.body.entry[0]?.changes[0]?.value as WireTemplateStatusValue)).toMatchObject({ event: 'REJECTED', reason: 'INVALID_FORMAT', rejection_info: { reason: 'Parâmetros colados' } });
    expect(hook.raw.toString()).toContain('Par\\u00e2metros');

    const duplicate = await t.graph<GraphErrorBody>('POST', `/v21.0/${WABA}/message_templates`, create);
    expect(duplicate.body.error).toMatchObject({ code: 100, error_subcode: 2388024 });
    const badCategory = await t.graph<GraphErrorBody>('POST', `/v21.0/${WABA}/message_templates`, { ...create, name: 'outro', category: 'SPAM' });
    expect(badCategory.body.error.code).toBe(100);
    const noBody = await t.graph<GraphErrorBody>('POST', `/v21.0/${WABA}/message_templates`, { ...create, name: 'outro', components: [{ type: 'FOOTER', text: 'x' }] });
    expect(noBody.status).toBe(400);
  });

  it('answers 132015 for a paused template', async () => {
    const seeded = t.emulator.control.listTemplates(WABA).find((x) => x.name === 'atendimento_esta_disponivel');
    t.emulator.control.setTemplateStatus(seeded?.id ?? '', { status: 'PAUSED' });
    const res = await t.graph<GraphErrorBody>('POST', `/v21.0/${PNID}/messages`, {
      messaging_product: 'whatsapp', to: CUSTOMER, type: 'template', template: { name: 'atendimento_esta_disponivel', language: { code: 'pt_BR' } },
    });
    expect(res.body.error.code).toBe(132015);
  });
});
