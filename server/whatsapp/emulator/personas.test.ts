import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GREETINGS, NAMES } from './persona-lines';
import { inboundOf, PNID, startTestEmulator, until, type TestEmulator } from './test-support';
import type { WireMessagesValue } from './wire';

/** Deterministic random numbers (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('simulated customers', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ quiet: false, personas: { newConversationMs: [20, 40], replyMs: [10, 30], maxPerNumber: 3, random: seeded(7) } });
  });
  afterAll(() => t.close());

  it('start conversations on their own: pt-BR greetings from Brazilian numbers with names', async () => {
    const first = await until(() => t.sink.received[0]);
    const value = first.body.entry[0]?.changes[0]?.value as WireMessagesValue;
    const message = value.messages?.[0];
    expect(message?.type).toBe('text');
    expect(GREETINGS).toContain(message?.text?.body);
    expect(message?.from).toMatch(/^55\d{2}9\d{8}$/);
    expect(NAMES).toContain(value.contacts?.[0]?.profile.name);
    expect(t.emulator.control.personas.status().running).toBe(true);
  });

  it('answer the atendimento_esta_disponivel template with one of its buttons, replying to it', async () => {
    const stranger = '5511900000001';
    const res = await t.graph<{ messages: Array<{ id: string }> }>('POST', `/v21.0/${PNID}/messages`, {
      messaging_product: 'whatsapp', to: stranger, type: 'template',
      template: {
        name: 'atendimento_esta_disponivel', language: { code: 'pt_BR' },
        components: [
          { type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: 'Loja' }] },
          { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'DISPONIVEL_SIM' }] },
        ],
      },
    });
    const wamid = res.body.messages[0]?.id;
    const answer = await until(() => inboundOf(t.sink).find((m) => m.from === stranger && m.type === 'button'));
    expect(answer.context).toEqual({ from: '551140000001', id: wamid });
    expect([{ payload: 'DISPONIVEL_SIM', text: 'Sim' }, { payload: 'Não', text: 'Não' }]).toContainEqual(answer.button);
    const followUp = await until(() => inboundOf(t.sink).find((m) => m.from === stranger && m.type === 'text'));
    expect(followUp.text?.body.length).toBeGreaterThan(0);
  });

  it('pick an option from an interactive list', async () => {
    const talking = await until(() => t.emulator.control.personas.status().conversations.find((c) => c.kind !== 'silent' && c.kind !== 'template' && !c.done));
    const res = await t.graph<{ messages: Array<{ id: string }> }>('POST', `/v21.0/${PNID}/messages`, {
      messaging_product: 'whatsapp', to: talking.waId, type: 'interactive',
      interactive: {
        type: 'list', body: { text: 'Como podemos ajudar?' },
        action: { button: 'Opções', sections: [{ title: 'Atendimento', rows: [{ id: 'pedido', title: 'Meu pedido' }, { id: 'boleto', title: '2ª via de boleto' }] }] },
      },
    });
    expect(res.status).toBe(200);
    const answer = await until(() => inboundOf(t.sink).find((m) => m.from === talking.waId && m.type === 'interactive'));
    expect(answer.context?.id).toBe(res.body.messages[0]?.id);
    expect(['pedido', 'boleto']).toContain(answer.interactive?.type === 'list_reply' ? answer.interactive.list_reply.id : undefined);
  });

  it('stop when told to', async () => {
    t.emulator.control.personas.stop();
    await t.emulator.control.waitForIdle();
    const count = t.sink.received.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(t.sink.received.length).toBe(count);
    expect(t.emulator.control.personas.status()).toEqual({ running: false, conversations: [] });
  });
});

describe('quiet mode', () => {
  it('has no background customers', async () => {
    const t = await startTestEmulator({ personas: { newConversationMs: [5, 5] } });
    try {
      await new Promise((r) => setTimeout(r, 150));
      expect(t.sink.received).toHaveLength(0);
      expect(t.emulator.control.personas.status().running).toBe(false);
    } finally {
      await t.close();
    }
  });
});
