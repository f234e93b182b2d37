import type { TemplateInfo } from '../../../../shared/api/templates';

/** What the agent typed for one template: one value per placeholder, by part, in order. */
export interface TemplateValues {
  header: string[];
  body: string[];
  /** One value per button that takes a variable (URL suffix), in button order. */
  buttons: string[];
}

/** The fields of a send call (`sendTemplate`, `startConversation`) for a filled-in template. */
export interface TemplateRequest {
  template: string;
  language: string;
  variables: string[];
  headerVariables: string[];
  buttonVariables: string[];
}

export interface TemplatePreview {
  /** Header text, or null for no header / a media header (see `headerMedia`). */
  header: string | null;
  /** The media kind of a non-text header (IMAGE, DOCUMENT, VIDEO…), else null. */
  headerMedia: string | null;
  body: string;
  footer: string | null;
  buttons: Array<{ text: string; url: string | null }>;
}

const placeholder = /\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g;

/** A template's identity in pickers: the same name may exist in several languages. */
export const templateKey = (t: Pick<TemplateInfo, 'name' | 'language'>): string => `${t.name}|${t.language}`;

/** Only a text header takes variables; a media header takes a file the desk does not send. */
function headerVariableCount(t: TemplateInfo): number {
  return t.header && t.header.format.toUpperCase() === 'TEXT' ? t.header.variables : 0;
}

/** Which buttons take a variable, as indexes into `t.buttons`. */
export function variableButtons(t: TemplateInfo): number[] {
  return t.buttons.flatMap((b, i) => (b.variables > 0 ? [i] : []));
}

export function emptyValues(t: TemplateInfo): TemplateValues {
  return {
    header: Array.from({ length: headerVariableCount(t) }, () => ''),
    body: Array.from({ length: t.body.variables }, () => ''),
    buttons: variableButtons(t).map(() => ''),
  };
}

/**
 * Replaces the distinct placeholders of `text`, in order of first appearance, with `values`;
 * a placeholder without a (non-blank) value stays visible as `{{n}}`.
 */
export function fillPlaceholders(text: string, values: readonly string[]): string {
  const names = [...new Set([...text.matchAll(placeholder)].map((m) => m[1]!))];
  return text.replace(placeholder, (whole, name: string) => {
    const value = values[names.indexOf(name)];
    return value && value.trim() ? value : whole;
  });
}

/** The message as the customer will read it with the values typed so far. */
export function previewTemplate(t: TemplateInfo, values: TemplateValues): TemplatePreview {
  const isText = t.header?.format.toUpperCase() === 'TEXT';
  const buttonSlots = variableButtons(t);
  return {
    header: t.header && isText && t.header.text ? fillPlaceholders(t.header.text, values.header) : null,
    headerMedia: t.header && !isText ? t.header.format.toUpperCase() : null,
    body: fillPlaceholders(t.body.text, values.body),
    footer: t.footer,
    buttons: t.buttons.map((b, i) => {
      const slot = buttonSlots.indexOf(i);
      return { text: b.text, url: b.url === null ? null : fillPlaceholders(b.url, slot < 0 ? [] : [values.buttons[slot] ?? '']) };
    }),
  };
}

/** The send fields when every variable has a value; null while one is still blank. */
export function templateRequest(t: TemplateInfo, values: TemplateValues): TemplateRequest | null {
  const all = [...values.header, ...values.body, ...values.buttons];
  if (all.some((v) => !v.trim())) return null;
  const trim = (list: string[]) => list.map((v) => v.trim());
  return {
    template: t.name,
    language: t.language,
    variables: trim(values.body),
    headerVariables: trim(values.header),
    buttonVariables: trim(values.buttons),
  };
}
