import { describe, expect, it } from 'vitest';
import type { TemplateInfo } from '../../../../shared/api/templates';
import { emptyValues, fillPlaceholders, previewTemplate, templateRequest } from './template-fill';

const order: TemplateInfo = {
  name: 'pedido_enviado',
  language: 'pt_BR',
  category: 'UTILITY',
  status: 'APPROVED',
  header: { format: 'TEXT', text: 'Pedido {{1}}', variables: 1 },
  body: { text: 'Oi {{1}}, o pedido {{2}} saiu. {{1}}, acompanhe pelo link.', variables: 2 },
  footer: 'Loja Demo',
  buttons: [
    { type: 'QUICK_REPLY', text: 'Ok', url: null, variables: 0 },
    { type: 'URL', text: 'Rastrear', url: 'https://rastreio.example.com/{{1}}', variables: 1 },
  ],
};

describe('template filling', () => {
  it('has one empty value per header, body and button variable', () => {
    expect(emptyValues(order)).toEqual({ header: [''], body: ['', ''], buttons: [''] });
    expect(emptyValues({ ...order, header: { format: 'IMAGE', text: null, variables: 0 } }).header).toEqual([]);
  });

  it('replaces each distinct placeholder everywhere it appears and leaves unfilled ones visible', () => {
    expect(fillPlaceholders('Oi {{1}}, pedido {{2}}. {{ 1 }}!', ['Ana', ''])).toBe('Oi Ana, pedido {{2}}. Ana!');
    expect(fillPlaceholders('Oi {{nome}}', ['Ana'])).toBe('Oi Ana');
  });

  it('previews header, body, footer and the button link with the values', () => {
    const preview = previewTemplate(order, { header: ['#123'], body: ['Ana', '#123'], buttons: ['BR123'] });
    expect(preview).toEqual({
      header: 'Pedido #123',
      headerMedia: null,
      body: 'Oi Ana, o pedido #123 saiu. Ana, acompanhe pelo link.',
      footer: 'Loja Demo',
      buttons: [
        { text: 'Ok', url: null },
        { text: 'Rastrear', url: 'https://rastreio.example.com/BR123' },
      ],
    });
  });

  it('makes a request only when every variable is filled, trimmed', () => {
    expect(templateRequest(order, { header: ['#1'], body: ['Ana', ' '], buttons: ['x'] })).toBeNull();
    expect(templateRequest(order, { header: [' #1 '], body: ['Ana', '#1'], buttons: ['BR1'] })).toEqual({
      template: 'pedido_enviado',
      language: 'pt_BR',
      variables: ['Ana', '#1'],
      headerVariables: ['#1'],
      buttonVariables: ['BR1'],
    });
  });
});
