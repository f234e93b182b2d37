import type { TemplateInfo } from '../../shared/api/templates';

export interface StoredComponent {
  type: string;
  format?: string;
  text?: string;
  buttons?: Array<{ type: string; text?: string; url?: string }>;
}

/** Distinct `{{1}}` / `{{name}}` placeholders in a template text. */
export function placeholders(text: string | undefined): string[] {
  return [...new Set([...(text ?? '').matchAll(/\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g)].map((m) => m[1]!))];
}

/** Reads Meta's components into what the desk needs: texts and how many variables each part takes. */
export function describeTemplate(t: { name: string; language: string; category: string; status: string; components: StoredComponent[] }): TemplateInfo {
  const find = (type: string) => t.components.find((c) => c.type.toUpperCase() === type);
  const header = find('HEADER');
  const body = find('BODY');
  const footer = find('FOOTER');
  const buttons = find('BUTTONS')?.buttons ?? [];
  return {
    name: t.name, language: t.language, category: t.category, status: t.status,
    header: header ? { format: header.format ?? 'TEXT', text: header.text ?? null, variables: placeholders(header.text).length } : null,
    body: { text: body?.text ?? '', variables: placeholders(body?.text).length },
    footer: footer?.text ?? null,
    buttons: buttons.map((b) => ({ type: b.type, text: b.text ?? '', url: b.url ?? null, variables: placeholders(b.url).length })),
  };
}

/** Checks the given variables against the template; answers a message naming what is wrong, or null. */
export function templateVariableProblem(info: TemplateInfo, given: { body: string[]; header: string[]; buttons: string[] }): { field: string; message: string } | null {
  if (given.body.length !== info.body.variables) {
    return { field: 'variables', message: `The template "${info.name}" takes ${info.body.variables} body variable(s); ${given.body.length} given.` };
  }
  if (given.body.some((v) => !v.trim())) return { field: 'variables', message: 'Fill in every template variable.' };
  const headerNeeds = info.header?.format === 'TEXT' ? info.header.variables : 0;
  if (given.header.length !== headerNeeds) return { field: 'headerVariables', message: `The template header takes ${headerNeeds} variable(s); ${given.header.length} given.` };
  const buttonNeeds = info.buttons.filter((b) => b.variables > 0).length;
  if (given.buttons.length !== buttonNeeds) return { field: 'buttonVariables', message: `The template buttons take ${buttonNeeds} variable(s); ${given.buttons.length} given.` };
  return null;
}

/** The body as the customer will read it, for previews and ticket lists. */
export function renderTemplateBody(info: TemplateInfo, variables: string[]): string {
  const names = placeholders(info.body.text);
  return info.body.text.replace(/\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g, (_m, key: string) => variables[names.indexOf(key)] ?? `{{${key}}}`);
}
