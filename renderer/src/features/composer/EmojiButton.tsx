import EmojiEmotionsOutlined from '@mui/icons-material/EmojiEmotionsOutlined';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Popover from '@mui/material/Popover';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EMOJI_COLUMNS, EMOJIS } from './emojis';
import { ToolButton } from './ToolButton';

const moves: Record<string, number> = {
  ArrowRight: 1,
  ArrowLeft: -1,
  ArrowDown: EMOJI_COLUMNS,
  ArrowUp: -EMOJI_COLUMNS,
  Home: -EMOJIS.length,
  End: EMOJIS.length,
};

/**
 * The emoji button and its small picker: a grid of buttons with one tab stop, moved with the
 * arrow keys (Home/End jump to the ends); Enter or Space picks, Escape closes. Focus goes back
 * to the button on close; the caller puts it where the emoji landed.
 */
export function EmojiButton({ onPick, disabled }: { onPick(emoji: string): void; disabled?: boolean }) {
  const { t } = useTranslation('composer');
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [current, setCurrent] = useState(0);
  const cells = useRef<Array<HTMLButtonElement | null>>([]);
  // Escape or a click outside gives focus back to the button; a pick leaves it to the caller.
  const picked = useRef(false);
  const button = useRef<HTMLElement | null>(null);

  function onKeyDown(e: KeyboardEvent) {
    const move = moves[e.key];
    if (move === undefined) return;
    e.preventDefault();
    const next = Math.min(EMOJIS.length - 1, Math.max(0, current + move));
    setCurrent(next);
    cells.current[next]?.focus();
  }

  function open(target: HTMLElement) {
    picked.current = false;
    button.current = target;
    setAnchor(target);
  }

  function pick(emoji: string) {
    picked.current = true;
    setAnchor(null);
    onPick(emoji);
  }

  return (
    <>
      <ToolButton
        label={t('emoji.open')}
        aria-haspopup="dialog"
        aria-expanded={anchor !== null}
        disabled={disabled}
        onClick={(e) => open(e.currentTarget)}
      >
        <EmojiEmotionsOutlined />
      </ToolButton>
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'top', horizontal: 'left' }}
        transformOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        disableRestoreFocus
        // A pick puts focus back in the text box during the same render that closes the popover.
        disableEnforceFocus
        slotProps={{
          paper: { role: 'dialog', 'aria-label': t('emoji.title') },
          transition: { onExited: () => (picked.current ? undefined : button.current?.focus()) },
        }}
      >
        <Box
          role="group"
          aria-label={t('emoji.title')}
          onKeyDown={onKeyDown}
          sx={{ display: 'grid', gridTemplateColumns: `repeat(${EMOJI_COLUMNS}, 2.25rem)`, p: 1 }}
        >
          {EMOJIS.map((emoji, i) => (
            <ButtonBase
              key={emoji}
              ref={(el: HTMLButtonElement | null) => {
                cells.current[i] = el;
              }}
              autoFocus={i === current}
              tabIndex={i === current ? 0 : -1}
              onClick={() => pick(emoji)}
              onFocus={() => setCurrent(i)}
              sx={{ fontSize: '1.35rem', height: '2.25rem', borderRadius: 1, '&.Mui-focusVisible, &:hover': { bgcolor: 'action.hover' } }}
            >
              {emoji}
            </ButtonBase>
          ))}
        </Box>
      </Popover>
    </>
  );
}
