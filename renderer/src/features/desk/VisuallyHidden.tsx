import type { ReactNode } from 'react';

/** Keeps an element in the accessibility tree while taking no room on screen. */
export const hidden = {
  position: 'absolute', width: 1, height: 1, padding: 0, margin: -1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0,
} as const;

/** Text for screen readers only (the screen shows an icon or a bare number instead). */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span style={hidden}>{children}</span>;
}
