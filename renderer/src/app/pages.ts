import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { menuAreaOf, menuAreas, permissions, type MenuArea, type Permission } from '../../../shared/permissions';

/** Permissions that allow something inside a page rather than open one. */
const capabilities: readonly Permission[] = ['service.supervise'];

/** Every page of the menu (SPEC G2): one per permission that opens one. */
export const pages: readonly Permission[] = permissions.filter((p) => !capabilities.includes(p));

/** The pages built so far; the others show "coming soon". */
export const builtPages: Partial<Record<Permission, LazyExoticComponent<ComponentType>>> = {
  'service.desk': lazy(() => import('../features/desk/DeskPage')),
};

/** `service.contacts` → `/service/contacts`; `home` → `/home`. */
export function pathOf(page: Permission): string {
  return `/${page.replace('.', '/')}`;
}

/** The page a path names, or null. */
export function pageAt(path: string): Permission | null {
  const name = path.replace(/^\/+|\/+$/g, '').replace('/', '.');
  return (pages as readonly string[]).includes(name) ? (name as Permission) : null;
}

export interface MenuSection {
  area: MenuArea;
  pages: Permission[];
}

/** The menu a profile sees: its areas in SPEC order, each with the pages it grants; nothing else. */
export function menuOf(granted: readonly Permission[]): MenuSection[] {
  return menuAreas
    .map((area) => ({ area, pages: pages.filter((p) => menuAreaOf(p) === area && granted.includes(p)) }))
    .filter((s) => s.pages.length > 0);
}

/** Where the app opens: the desk when allowed, else the first page the profile has. */
export function startPage(granted: readonly Permission[]): Permission | null {
  if (granted.includes('service.desk')) return 'service.desk';
  return menuOf(granted)[0]?.pages[0] ?? null;
}
