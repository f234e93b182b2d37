import ExpandLess from '@mui/icons-material/ExpandLess';
import ExpandMore from '@mui/icons-material/ExpandMore';
import Collapse from '@mui/material/Collapse';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import type { MenuArea, Permission } from '../../../shared/permissions';
import { useAppStore } from '../app/app-store';
import { menuOf, pageAt, pathOf } from '../app/pages';
import { areaIcons } from './area-icons';

// One empty list for every render: a new [] from a store selector would re-render without end.
const noPermissions: readonly Permission[] = [];

/**
 * The menu areas of SPEC G2 with their pages, only what the profile allows. An area with one page
 * (Home, Help) is a link; the others open to list their pages.
 */
export function NavMenu() {
  const { t } = useTranslation();
  const granted = useAppStore((s) => s.desktop?.me?.profile.permissions ?? noPermissions);
  const location = useLocation();
  const current = pageAt(location.pathname);
  const currentArea = current?.split('.')[0] ?? null;
  const [open, setOpen] = useState<Partial<Record<MenuArea, boolean>>>({});
  return (
    <List dense component="div">
      {menuOf(granted).map(({ area, pages }) => {
        const Icon = areaIcons[area];
        if (pages.length === 1 && pages[0] === area) {
          return (
            <ListItemButton key={area} component={NavLink} to={pathOf(area)} selected={current === area} aria-current={current === area ? 'page' : undefined}>
              <ListItemIcon><Icon /></ListItemIcon>
              <ListItemText primary={t(`nav.areas.${area}`)} />
            </ListItemButton>
          );
        }
        const expanded = open[area] ?? area === currentArea;
        const listId = `nav-${area}`;
        return (
          <div key={area}>
            <ListItemButton onClick={() => setOpen({ ...open, [area]: !expanded })} aria-expanded={expanded} aria-controls={listId}>
              <ListItemIcon><Icon /></ListItemIcon>
              <ListItemText primary={t(`nav.areas.${area}`)} />
              {expanded ? <ExpandLess aria-hidden /> : <ExpandMore aria-hidden />}
            </ListItemButton>
            <Collapse in={expanded} unmountOnExit>
              <List dense component="div" id={listId} disablePadding>
                {pages.map((page) => (
                  <ListItemButton key={page} component={NavLink} to={pathOf(page)} selected={current === page} aria-current={current === page ? 'page' : undefined} sx={{ pl: 7 }}>
                    <ListItemText primary={t(`nav.pages.${page}`)} />
                  </ListItemButton>
                ))}
              </List>
            </Collapse>
          </div>
        );
      })}
    </List>
  );
}
