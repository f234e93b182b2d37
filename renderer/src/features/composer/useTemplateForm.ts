import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TemplateInfo } from '../../../../shared/api/templates';
import { useDesktop } from '../../desktop/context';
import { callError, type CallError } from './errors';
import { emptyValues, previewTemplate, templateKey, templateRequest, type TemplatePreview, type TemplateRequest, type TemplateValues } from './template-fill';

export interface TemplateForm {
  /** Null while loading. */
  templates: TemplateInfo[] | null;
  loadError: CallError | null;
  reload(): void;
  selectedKey: string;
  select(key: string): void;
  selected: TemplateInfo | null;
  values: TemplateValues;
  setValue(part: keyof TemplateValues, index: number, value: string): void;
  preview: TemplatePreview | null;
  /** The send fields once every variable is filled in. */
  request: TemplateRequest | null;
  /** Empties the variables (after a send), keeping the template. */
  clearValues(): void;
}

const noValues: TemplateValues = { header: [], body: [], buttons: [] };

/** The number's approved templates (online only), the one picked and the values typed for it. */
export function useTemplateForm(numberId: string): TemplateForm {
  const desktop = useDesktop();
  const [templates, setTemplates] = useState<TemplateInfo[] | null>(null);
  const [loadError, setLoadError] = useState<CallError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [selectedKey, setSelectedKey] = useState('');
  const [values, setValues] = useState<TemplateValues>(noValues);

  useEffect(() => {
    let live = true;
    setTemplates(null);
    setLoadError(null);
    desktop.templates({ numberId }).then(
      (found) => live && setTemplates([...found].sort((a, b) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language))),
      (err: unknown) => {
        if (!live) return;
        setTemplates([]);
        setLoadError(callError(err));
      },
    );
    return () => {
      live = false;
    };
  }, [desktop, numberId, attempt]);

  const selected = useMemo(() => templates?.find((t) => templateKey(t) === selectedKey) ?? null, [templates, selectedKey]);

  const select = useCallback(
    (key: string) => {
      setSelectedKey(key);
      const found = templates?.find((t) => templateKey(t) === key);
      setValues(found ? emptyValues(found) : noValues);
    },
    [templates],
  );

  const setValue = useCallback((part: keyof TemplateValues, index: number, value: string) => {
    setValues((v) => ({ ...v, [part]: v[part].map((old, i) => (i === index ? value : old)) }));
  }, []);

  return {
    templates,
    loadError,
    reload: () => setAttempt((n) => n + 1),
    selectedKey,
    select,
    selected,
    values,
    setValue,
    preview: selected ? previewTemplate(selected, values) : null,
    request: selected ? templateRequest(selected, values) : null,
    clearValues: () => selected && setValues(emptyValues(selected)),
  };
}
