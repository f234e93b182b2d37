import AttachFile from '@mui/icons-material/AttachFile';
import SendIcon from '@mui/icons-material/Send';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useLayoutEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView, TicketView } from '../../../../shared/sync/queries';
import { useAppStore } from '../../app/app-store';
import { useDesktop } from '../../desktop/context';
import { AttachmentBar } from './AttachmentBar';
import { useDraftStore } from './draft-store';
import { EmojiButton } from './EmojiButton';
import { describeError } from './errors';
import type { QuickReplyMatch } from './quick-replies';
import { optionId, QuickReplyList } from './QuickReplyList';
import { ReplyPreview } from './ReplyPreview';
import { MAX_ATTACHMENT_BYTES, sendAttachment } from './send-attachment';
import { ToolButton } from './ToolButton';
import { useQuickReplySearch } from './useQuickReplySearch';

/** WhatsApp's text limit. */
const MAX_TEXT = 4096;

export interface TextComposerProps {
  ticket: TicketView;
  replyTo: MessageView | null;
  onClearReply(): void;
}

/**
 * The composer while the customer's window is open: text (Enter sends, Shift+Enter breaks the
 * line), emoji, `/` quick replies, one attachment with the text as its caption, reply-to.
 * Text goes through the outbox, so it works offline; an attachment needs the connection.
 */
export function TextComposer({ ticket, replyTo, onClearReply }: TextComposerProps) {
  const { t } = useTranslation('composer');
  const desktop = useDesktop();
  const offline = useAppStore((s) => s.desktop?.engine.state === 'offline');
  const text = useDraftStore((s) => s.drafts[ticket.id] ?? '');
  const setDraft = useDraftStore((s) => s.setDraft);
  const field = useRef<HTMLTextAreaElement | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);
  /** Where the caret goes once the next text renders (after a quick reply or an emoji). */
  const caret = useRef<number | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'text' | 'file' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = useQuickReplySearch(text);
  const listId = useId();

  useLayoutEffect(() => {
    if (caret.current === null || !field.current) return;
    field.current.focus();
    field.current.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  });

  const setText = (next: string) => setDraft(ticket.id, next);
  /** Clears the box unless the agent typed something new while the send was on its way. */
  const clearIfUnchanged = (sent: string) => {
    if ((useDraftStore.getState().drafts[ticket.id] ?? '') === sent) setText('');
  };

  function replaceText(next: string, caretAt: number) {
    caret.current = caretAt;
    setText(next.slice(0, MAX_TEXT));
  }

  function pickReply(reply: QuickReplyMatch) {
    replaceText(reply.text, Math.min(reply.text.length, MAX_TEXT));
  }

  function insertEmoji(emoji: string) {
    const start = field.current?.selectionStart ?? text.length;
    const end = field.current?.selectionEnd ?? text.length;
    replaceText(text.slice(0, start) + emoji + text.slice(end), start + emoji.length);
  }

  const canSend = busy === null && (text.trim() !== '' || file !== null);

  async function send() {
    if (!canSend) return;
    const sent = text;
    const replyId = replyTo?.id;
    setError(null);
    setBusy(file ? 'file' : 'text');
    try {
      if (file) {
        const { captionSent } = await sendAttachment(desktop, { ticketId: ticket.id, numberId: ticket.numberId, file, caption: sent, replyTo: replyId });
        setFile(null);
        if (captionSent) clearIfUnchanged(sent);
      } else {
        await desktop.sendText({ ticketId: ticket.id, text: sent.trim(), ...(replyId ? { replyTo: replyId } : {}) });
        clearIfUnchanged(sent);
      }
      onClearReply();
    } catch (err) {
      setError(describeError(t, err));
    } finally {
      setBusy(null);
      field.current?.focus();
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (search.open) {
      const matches = search.matches ?? [];
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        search.dismiss();
        return;
      }
      if (matches.length > 0 && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        search.move(e.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      const chosen = matches[search.active];
      if (chosen && e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        pickReply(chosen);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  }

  function onFileChosen(e: ChangeEvent<HTMLInputElement>) {
    const chosen = e.target.files?.[0] ?? null;
    e.target.value = '';
    if (!chosen) return;
    if (chosen.size > MAX_ATTACHMENT_BYTES) {
      setError(t('errors.fileTooLarge'));
      return;
    }
    setError(null);
    setFile(chosen);
    field.current?.focus();
  }

  const listOpen = search.open;
  const activeOption = listOpen && search.matches?.length ? optionId(listId, search.active) : undefined;

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, p: 1 }}>
      {error && (
        <Alert severity="error" onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {replyTo && <ReplyPreview message={replyTo} ticket={ticket} onClear={onClearReply} />}
      {file && <AttachmentBar file={file} uploading={busy === 'file'} onRemove={() => setFile(null)} />}
      <Box sx={{ position: 'relative', display: 'flex', alignItems: 'flex-end', gap: 0.5 }}>
        {listOpen && <QuickReplyList id={listId} search={search} onPick={pickReply} />}
        <EmojiButton onPick={insertEmoji} />
        <ToolButton label={t('attachment.attach')} disabled={busy !== null} onClick={() => fileInput.current?.click()}>
          <AttachFile />
        </ToolButton>
        <input ref={fileInput} type="file" hidden tabIndex={-1} onChange={onFileChosen} data-testid="composer-file-input" />
        <TextField
          multiline
          maxRows={8}
          fullWidth
          size="small"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={file ? t('text.captionPlaceholder') : t('text.placeholder')}
          inputRef={field}
          slotProps={{
            htmlInput: {
              'aria-label': t('text.label'),
              'aria-autocomplete': 'list',
              'aria-controls': listOpen ? listId : undefined,
              'aria-activedescendant': activeOption,
              maxLength: MAX_TEXT,
            },
          }}
        />
        <ToolButton label={t('send')} color="primary" disabled={!canSend} onClick={() => void send()}>
          <SendIcon />
        </ToolButton>
      </Box>
      {offline && (
        <Typography variant="caption" color="text.secondary">
          {t('text.offlineHint')}
        </Typography>
      )}
    </Box>
  );
}
