import { graphErrors } from './errors';
import { isObj, type Obj } from './params';
import type { TemplateRecord } from './state';

export interface QuickReply {
  index: number;
  text: string;
  /** What comes back in `button.payload` when the customer taps it. */
  payload: string;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export function placeholders(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

interface TemplateButton {
  type: string;
  text: string;
  url?: string;
}

function templateButtons(template: TemplateRecord): TemplateButton[] {
  const component = template.components.find((c) => c.type.toUpperCase() === 'BUTTONS');
  return (component?.buttons ?? []) as TemplateButton[];
}

function mismatch(where: string, got: number, expected: number): never {
  throw graphErrors.templateParamCount(`${where}: number of localizable_params (${got}) does not match the expected number of params (${expected})`);
}

function parametersOf(component: Obj | undefined, where: string): Obj[] {
  if (!component || component.parameters === undefined) return [];
  if (!Array.isArray(component.parameters)) throw graphErrors.invalidParameter(`Param ${where}['parameters'] must be an array.`);
  return component.parameters.map((p, i) => {
    if (!isObj(p) || typeof p.type !== 'string') throw graphErrors.missingParameter(`The parameter ${where}['parameters'][${i}]['type'] is required.`);
    return p;
  });
}

function checkTextParams(params: Obj[], expected: string[], where: string, named: boolean): void {
  if (params.length !== expected.length) mismatch(where, params.length, expected.length);
  params.forEach((p, i) => {
    if (p.type === 'text' && (typeof p.text !== 'string' || p.text.length === 0)) {
      throw graphErrors.missingParameter(`${where}: parameter ${i + 1} of type text is missing its text value`);
    }
  });
  if (named) {
    const given = params.map((p) => (typeof p.parameter_name === 'string' ? p.parameter_name : ''));
    const unknown = given.filter((n) => !expected.includes(n));
    if (unknown.length > 0) {
      throw graphErrors.templateParamCount(`${where}: parameter names (${given.join(', ')}) do not match the template's (${expected.join(', ')})`);
    }
  }
}

function checkHeader(template: TemplateRecord, supplied: Obj | undefined): void {
  const header = template.components.find((c) => c.type.toUpperCase() === 'HEADER');
  const params = parametersOf(supplied, 'header');
  const format = (header?.format ?? 'TEXT').toUpperCase();
  if (!header || format === 'TEXT') {
    return checkTextParams(params, placeholders(header?.text), 'header', template.parameterFormat === 'NAMED');
  }
  if (params.length !== 1) mismatch('header', params.length, 1);
  const type = String(params[0]?.type);
  if (type.toUpperCase() !== format) throw graphErrors.templateParamFormat(`header: parameter type (${type}) does not match the header format of the template (${format})`);
}

function checkButtons(template: TemplateRecord, supplied: Obj[]): QuickReply[] {
  const buttons = templateButtons(template);
  const byIndex = new Map<number, Obj>();
  for (const component of supplied) {
    const index = Number(component.index);
    if (component.index === undefined || !Number.isInteger(index)) throw graphErrors.missingParameter("The parameter button['index'] is required.");
    const button = buttons[index];
    if (!button) throw graphErrors.invalidValue(`Button at index ${index} does not exist in template ${template.name}.`);
    const subType = String(component.sub_type ?? '');
    if (subType.toUpperCase() !== button.type.toUpperCase()) {
      throw graphErrors.invalidValue(`Button at index ${index} is of type ${button.type}, not sub_type "${subType}".`);
    }
    byIndex.set(index, component);
  }
  const quickReplies: QuickReply[] = [];
  buttons.forEach((button, index) => {
    const params = parametersOf(byIndex.get(index), `button[${index}]`);
    const where = `button at index ${index} (${button.type.toLowerCase()})`;
    switch (button.type.toUpperCase()) {
      case 'URL': {
        const expected = placeholders(button.url).length;
        if (params.length !== expected) mismatch(where, params.length, expected);
        break;
      }
      case 'COPY_CODE':
      case 'OTP':
        if (params.length !== 1) mismatch(where, params.length, 1);
        break;
      case 'QUICK_REPLY': {
        if (params.length > 1) mismatch(where, params.length, 1);
        const payload = params[0]?.payload;
        quickReplies.push({ index, text: button.text, payload: typeof payload === 'string' && payload ? payload : button.text });
        break;
      }
      default:
        if (params.length > 0) mismatch(where, params.length, 0);
    }
  });
  return quickReplies;
}

/**
 * Meta's checks of a template send: it must exist in that language and be approved (132001,
 * paused 132015, disabled 132016), and the parameters must match the placeholders (132000).
 */
export function checkTemplateSend(template: TemplateRecord | undefined, name: string, language: string, components: unknown): QuickReply[] {
  if (!template) throw graphErrors.templateNotFound(name, language);
  if (template.status === 'PAUSED') throw graphErrors.templatePaused(name);
  if (template.status === 'DISABLED') throw graphErrors.templateDisabled(name);
  if (template.status !== 'APPROVED') throw graphErrors.templateNotFound(name, language);
  const list = (Array.isArray(components) ? components : []).map((c, i) => {
    if (!isObj(c) || typeof c.type !== 'string') throw graphErrors.missingParameter(`The parameter template['components'][${i}]['type'] is required.`);
    return c;
  });
  const ofType = (type: string) => list.filter((c) => String(c.type).toLowerCase() === type);
  checkHeader(template, ofType('header')[0]);
  const body = template.components.find((c) => c.type.toUpperCase() === 'BODY');
  checkTextParams(parametersOf(ofType('body')[0], 'body'), placeholders(body?.text), 'body', template.parameterFormat === 'NAMED');
  return checkButtons(template, ofType('button'));
}
