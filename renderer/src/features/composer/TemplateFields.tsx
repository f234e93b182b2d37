import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import type { TemplateInfo } from '../../../../shared/api/templates';
import { describeError } from './errors';
import { templateKey, variableButtons, type TemplateValues } from './template-fill';
import { TemplatePreview } from './TemplatePreview';
import type { TemplateForm } from './useTemplateForm';

/** The backend fills only text headers: a template with an image/video/document header cannot go. */
const sendable = (t: TemplateInfo): boolean => !t.header || t.header.format.toUpperCase() === 'TEXT';

/**
 * The template picker (a native select: dependable with keyboard, screen readers and tests), one
 * input per variable, and the live preview.
 */
export function TemplateFields({ form, disabled = false }: { form: TemplateForm; disabled?: boolean }) {
  const { t } = useTranslation('composer');
  const { templates, selected, values } = form;
  const repeated = new Set((templates ?? []).map((x) => x.name).filter((name, i, all) => all.indexOf(name) !== i));

  const optionLabel = (x: TemplateInfo): string => {
    const name = repeated.has(x.name) ? `${x.name} (${x.language})` : x.name;
    return sendable(x) ? name : `${name} — ${t('template.mediaUnsupported')}`;
  };

  const field = (part: keyof TemplateValues, index: number, label: string) => (
    <TextField
      key={`${part}-${index}`}
      label={label}
      size="small"
      required
      disabled={disabled}
      value={values[part][index] ?? ''}
      onChange={(e) => form.setValue(part, index, e.target.value)}
      slotProps={{ htmlInput: { maxLength: part === 'header' ? 60 : part === 'body' ? 1024 : 2000 } }}
    />
  );

  const helper =
    templates === null ? t('template.loading') : templates.length === 0 && !form.loadError ? t('template.none') : undefined;

  return (
    <Stack spacing={1.5}>
      {form.loadError && (
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={form.reload}>
              {t('template.retry')}
            </Button>
          }
        >
          {t('template.loadFailed', { reason: describeError(t, form.loadError) })}
        </Alert>
      )}
      <TextField
        select
        size="small"
        label={t('template.picker')}
        value={form.selectedKey}
        onChange={(e) => form.select(e.target.value)}
        disabled={disabled || !templates?.length}
        helperText={helper}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      >
        <option value="">{t('template.choose')}</option>
        {templates?.map((x) => (
          <option key={templateKey(x)} value={templateKey(x)} disabled={!sendable(x)}>
            {optionLabel(x)}
          </option>
        ))}
      </TextField>
      {selected && (
        <>
          {values.header.map((_, i) => field('header', i, t('template.headerVariable', { n: i + 1 })))}
          {values.body.map((_, i) => field('body', i, t('template.bodyVariable', { n: i + 1 })))}
          {variableButtons(selected).map((b, i) => field('buttons', i, t('template.buttonVariable', { text: selected.buttons[b]?.text ?? '' })))}
        </>
      )}
      {form.preview && <TemplatePreview preview={form.preview} />}
    </Stack>
  );
}
