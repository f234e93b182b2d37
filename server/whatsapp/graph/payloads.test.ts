import { describe, expect, it } from 'vitest';
import { PayloadError } from './errors';
import {
  buttonsMessage, listMessage, locationMessage, mediaMessage, reactionMessage, templateMessage, textMessage, validateOutgoing,
} from './payloads';

// Literal bodies from reference §2. The spec omits recipient_type on most examples; we always send it.
const individual = { recipient_type: 'individual' };

function refusal(fn: () => unknown): PayloadError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PayloadError) return e;
    throw e;
  }
  throw new Error('expected a PayloadError');
}

describe('payload builders produce the Cloud API shapes', () => {
  it('text reply: byte-for-byte the spec example', () => {
    const spec = '{"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505555555","type":"text",'
      + '"context":{"message_id":"wamid.ABC"},"text":{"preview_url":false,"body":"hi"}}';
    expect(JSON.stringify(textMessage('+16505555555', 'hi', { replyTo: 'wamid.ABC' }))).toBe(spec);
  });

  it('text with link preview and our id in biz_opaque_callback_data', () => {
    expect(textMessage('16505555555', 'see https://x.example', { previewUrl: true, bizOpaqueCallbackData: 'msg_01' })).toStrictEqual({
      messaging_product: 'whatsapp', ...individual, to: '16505555555', type: 'text',
      text: { preview_url: true, body: 'see https://x.example' }, biz_opaque_callback_data: 'msg_01',
    });
  });

  it('image by id with caption', () => {
    const spec = { messaging_product: 'whatsapp', to: '16505555555', type: 'image', image: { id: '<MEDIA_ID>', caption: 'c' } };
    expect(mediaMessage('16505555555', { kind: 'image', id: '<MEDIA_ID>', caption: 'c' })).toStrictEqual({ ...spec, ...individual });
  });

  it('document by link with filename and caption', () => {
    const spec = { messaging_product: 'whatsapp', to: '16505555555', type: 'document', document: { link: 'https://x/y.pdf', filename: 'y.pdf', caption: 'c' } };
    expect(mediaMessage('16505555555', { kind: 'document', link: 'https://x/y.pdf', filename: 'y.pdf', caption: 'c' })).toStrictEqual({ ...spec, ...individual });
  });

  it('audio, video and sticker', () => {
    expect(mediaMessage('16505555555', { kind: 'audio', id: '77' })).toStrictEqual({
      messaging_product: 'whatsapp', ...individual, to: '16505555555', type: 'audio', audio: { id: '77' },
    });
    expect(mediaMessage('16505555555', { kind: 'video', link: 'https://x/v.mp4', caption: 'v' })).toMatchObject({ type: 'video', video: { link: 'https://x/v.mp4', caption: 'v' } });
    expect(mediaMessage('16505555555', { kind: 'sticker', id: '9' })).toMatchObject({ type: 'sticker', sticker: { id: '9' } });
  });

  it('template with body, quick-reply and url buttons: the spec example', () => {
    const spec = {
      messaging_product: 'whatsapp', to: '16505555555', type: 'template',
      template: {
        name: 'order_update', language: { code: 'en_US', policy: 'deterministic' },
        components: [
          { type: 'body', parameters: [{ type: 'text', text: 'Ann' }, { type: 'text', text: '#123' }] },
          { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'STOP' }] },
          { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'order/123' }] },
        ],
      },
    };
    const built = templateMessage('16505555555', {
      name: 'order_update', language: 'en_US', body: ['Ann', '#123'],
      buttons: [{ subType: 'quick_reply', index: 0, payload: 'STOP' }, { subType: 'url', index: 1, text: 'order/123' }],
    });
    expect(built).toStrictEqual({ ...spec, ...individual });
  });

  it('template with media and text headers, named body parameters, and none at all', () => {
    const t = templateMessage('5511988887777', {
      name: 'boleto', language: 'pt_BR',
      header: [{ type: 'document', id: '555', filename: 'boleto.pdf' }],
      body: [{ text: 'Ana', name: 'customer_name' }],
    });
    expect(t.type === 'template' && t.template.components).toStrictEqual([
      { type: 'header', parameters: [{ type: 'document', document: { id: '555', filename: 'boleto.pdf' } }] },
      { type: 'body', parameters: [{ type: 'text', text: 'Ana', parameter_name: 'customer_name' }] },
    ]);
    const header = templateMessage('5511988887777', { name: 'promo', language: 'pt_BR', header: [{ type: 'image', link: 'https://x/p.jpg' }] });
    expect(header.type === 'template' && header.template.components).toStrictEqual([{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://x/p.jpg' } }] }]);
    // No variables: no components key at all (Meta counts an empty body as a parameter mismatch).
    expect(templateMessage('5511988887777', { name: 'hello_world', language: 'en_US' })).toStrictEqual({
      messaging_product: 'whatsapp', ...individual, to: '5511988887777', type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US', policy: 'deterministic' } },
    });
  });

  it('reply buttons: the spec example', () => {
    const spec = {
      messaging_product: 'whatsapp', to: '16505555555', type: 'interactive',
      interactive: { type: 'button', body: { text: 'Pick' }, action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'A' } }, { type: 'reply', reply: { id: 'b', title: 'B' } }] } },
    };
    expect(buttonsMessage('16505555555', { body: 'Pick', buttons: [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }] })).toStrictEqual({ ...spec, ...individual });
  });

  it('list: the spec example', () => {
    const spec = {
      messaging_product: 'whatsapp', to: '16505555555', type: 'interactive',
      interactive: {
        type: 'list', header: { type: 'text', text: 'H' }, body: { text: 'B' }, footer: { text: 'F' },
        action: { button: 'Menu', sections: [{ title: 'S1', rows: [{ id: 'r1', title: 'R1', description: 'd' }] }] },
      },
    };
    const built = listMessage('16505555555', {
      header: 'H', body: 'B', footer: 'F', button: 'Menu', sections: [{ title: 'S1', rows: [{ id: 'r1', title: 'R1', description: 'd' }] }],
    });
    expect(built).toStrictEqual({ ...spec, ...individual });
  });

  it('location and reaction', () => {
    expect(locationMessage('16505555555', { latitude: 37.46, longitude: -122.21, name: 'HQ' }, { replyTo: 'wamid.Q' })).toStrictEqual({
      messaging_product: 'whatsapp', ...individual, to: '16505555555', type: 'location',
      context: { message_id: 'wamid.Q' }, location: { latitude: 37.46, longitude: -122.21, name: 'HQ' },
    });
    expect(reactionMessage('16505555555', { messageId: 'wamid.IN', emoji: '😮' })).toStrictEqual({
      messaging_product: 'whatsapp', ...individual, to: '16505555555', type: 'reaction', reaction: { message_id: 'wamid.IN', emoji: '😮' },
    });
  });
});

describe('payload builders refuse what Meta would reject, naming the field', () => {
  it('text longer than 4096 characters; emoji count as one character', () => {
    expect(refusal(() => textMessage('16505555555', 'a'.repeat(4097))).field).toBe('text.body');
    expect(() => textMessage('16505555555', '😮'.repeat(4096))).not.toThrow();
    expect(refusal(() => textMessage('16505555555', '')).field).toBe('text.body');
  });

  it('captions on audio and stickers', () => {
    const audio = refusal(() => mediaMessage('16505555555', { kind: 'audio', id: '1', caption: 'hear this' } as never));
    expect(audio.field).toBe('audio.caption');
    expect(refusal(() => mediaMessage('16505555555', { kind: 'sticker', id: '1', caption: 'x' } as never)).field).toBe('sticker.caption');
  });

  it('media with both id and link, or neither, or a non-http link', () => {
    expect(refusal(() => mediaMessage('16505555555', { kind: 'image', id: '1', link: 'https://x/a.jpg' } as never)).message).toMatch(/exactly one of id or link/);
    expect(refusal(() => mediaMessage('16505555555', { kind: 'image' } as never)).field).toBe('image');
    expect(refusal(() => mediaMessage('16505555555', { kind: 'document', link: 'file:///etc/passwd' })).field).toBe('document.link');
  });

  it('more than 3 reply buttons, a title over 20 characters, duplicate ids', () => {
    const four = [1, 2, 3, 4].map((i) => ({ id: `b${i}`, title: `B${i}` }));
    expect(refusal(() => buttonsMessage('16505555555', { body: 'x', buttons: four })).message).toMatch(/at most 3/);
    expect(refusal(() => buttonsMessage('16505555555', { body: 'x', buttons: [{ id: 'a', title: 'x'.repeat(21) }] })).field)
      .toBe('interactive.action.buttons.0.reply.title');
    expect(refusal(() => buttonsMessage('16505555555', { body: 'x', buttons: [{ id: 'a', title: 'A' }, { id: 'a', title: 'B' }] })).message).toMatch(/unique/);
  });

  it('more than 10 list rows in total, a list button over 20 characters', () => {
    const rows = (n: number, p: string) => Array.from({ length: n }, (_, i) => ({ id: `${p}${i}`, title: `${p}${i}` }));
    const ten = [{ title: 'A', rows: rows(6, 'a') }, { title: 'B', rows: rows(4, 'b') }];
    expect(() => listMessage('16505555555', { body: 'x', button: 'Menu', sections: ten })).not.toThrow();
    const eleven = [{ title: 'A', rows: rows(6, 'a') }, { title: 'B', rows: rows(5, 'b') }];
    expect(refusal(() => listMessage('16505555555', { body: 'x', button: 'Menu', sections: eleven })).message).toMatch(/at most 10 rows in total/);
    expect(refusal(() => listMessage('16505555555', { body: 'x', button: 'x'.repeat(21), sections: ten })).field).toBe('interactive.action.button');
  });

  it('a recipient that is not a phone number, a template name Meta cannot have', () => {
    expect(refusal(() => textMessage('ana@example.com', 'hi')).field).toBe('to');
    expect(refusal(() => templateMessage('16505555555', { name: 'Order Update', language: 'en_US' })).field).toBe('template.name');
  });

  it('validateOutgoing rejects hand-built payloads with unexpected keys', () => {
    const bad = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505555555', type: 'audio', audio: { id: '1', caption: 'x' } };
    expect(refusal(() => validateOutgoing(bad)).field).toBe('audio');
  });
});
