/** The picker's emoji, in the order shown: faces, gestures, hearts, then desk-day symbols. */
export const EMOJIS: readonly string[] = [
  '😀', '😃', '😄', '😁', '😊', '🙂', '😉', '😍',
  '😘', '😂', '🤣', '😅', '😇', '🤔', '😐', '😕',
  '😢', '😭', '😮', '😴', '🙏', '👍', '👎', '👏',
  '🙌', '👋', '🤝', '💪', '👌', '✌️', '❤️', '💙',
  '💚', '🎉', '🎁', '✅', '❌', '⚠️', '⭐', '🔥',
  '📞', '📦', '🚚', '💰', '💳', '📅', '⏰', '📍',
];

/** Emoji per row in the picker grid (arrow up/down move by this much). */
export const EMOJI_COLUMNS = 8;
