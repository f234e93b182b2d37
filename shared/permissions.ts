/**
 * Menu areas (SPEC G2) and the permissions a profile can grant inside each. The UI hides what a
 * profile lacks and the API refuses it.
 */
export const menuAreas = ['home', 'service', 'campaigns', 'data', 'organization', 'settings', 'help'] as const;
export type MenuArea = (typeof menuAreas)[number];

export const permissions = [
  'home',
  'service.desk',
  'service.absence',
  'service.contacts',
  'service.outOfHours',
  'service.history',
  'service.monitoring',
  'service.quickReplies',
  /** Sees every ticket of the numbers the user serves, not only the queue and their own. */
  'service.supervise',
  'campaigns.bulk',
  'campaigns.reports',
  'data.reports',
  'data.health',
  'organization.numbers',
  'organization.members',
  'organization.groups',
  'settings.service',
  'settings.templates',
  'settings.chatbot',
  'settings.startHere',
  'settings.copy',
  'settings.profile',
  'settings.verification',
  'help',
] as const;
export type Permission = (typeof permissions)[number];

export function menuAreaOf(permission: Permission): MenuArea {
  return permission.split('.')[0] as MenuArea;
}

/** The menu areas a set of permissions shows. */
export function visibleMenuAreas(granted: readonly Permission[]): MenuArea[] {
  const areas = new Set(granted.map(menuAreaOf));
  return menuAreas.filter((a) => areas.has(a));
}

/** The profiles every organisation starts with (their names can be changed, their keys cannot). */
export const systemProfiles = {
  admin: { name: 'Administrador', permissions: [...permissions] },
  supervisor: {
    name: 'Supervisor',
    permissions: permissions.filter((p) => !p.startsWith('organization.') && p !== 'settings.verification'),
  },
  agent: {
    name: 'Agente',
    permissions: ['home', 'service.desk', 'service.absence', 'service.contacts', 'service.quickReplies', 'help'],
  },
} as const satisfies Record<string, { name: string; permissions: readonly Permission[] }>;
export type SystemProfileKey = keyof typeof systemProfiles;
