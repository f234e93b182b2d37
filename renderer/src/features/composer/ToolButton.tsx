import IconButton, { type IconButtonProps } from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import type { ReactNode } from 'react';

export type ToolButtonProps = Omit<IconButtonProps, 'aria-label' | 'children'> & { label: string; children: ReactNode };

/**
 * An icon button whose accessible name is `label`, shown as a tooltip too. The tree is the same
 * whether it is enabled or not, so toggling `disabled` keeps the element (and any focus on it).
 */
export function ToolButton({ label, children, disabled, ...rest }: ToolButtonProps) {
  return (
    <Tooltip title={disabled ? '' : label}>
      <IconButton aria-label={label} disabled={disabled} {...rest}>
        {children}
      </IconButton>
    </Tooltip>
  );
}
