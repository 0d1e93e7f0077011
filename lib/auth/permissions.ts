import type { Role } from "@/db/schema";

/** The seven roles of SPEC §1, in the order the UI lists them. */
export const ROLES = [
  "super_admin",
  "administrator",
  "user_manager",
  "user",
  "developer",
  "billing",
  "data_analyst",
] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  super_admin: "Super Admin",
  administrator: "Administrator",
  user_manager: "User Manager",
  user: "User",
  developer: "Developer",
  billing: "Billing",
  data_analyst: "Data Analyst",
};

const EVERYONE = ROLES;
const ADMINS = ["super_admin", "administrator", "user_manager"] as const;
const AGENTS = [...ADMINS, "user"] as const;
const OWNERS = ["super_admin", "administrator"] as const;

/**
 * SPEC §1's matrix as data: which roles hold each capability. Every page,
 * server action and route handler asks `can()`; nothing else decides.
 * `contacts: true` marks capabilities that vanish (404) while the workspace has
 * Contacts Management switched off.
 */
export const PERMISSIONS = {
  "contacts.view": { roles: EVERYONE, contacts: true, label: "view and search contacts" },
  "favorites.manage": { roles: EVERYONE, contacts: true, label: "star contacts" },
  "contacts.edit": { roles: AGENTS, contacts: true, label: "add and edit contacts" },
  "invites.send": { roles: AGENTS, contacts: false, label: "send session invites" },
  "contacts.delete": { roles: ADMINS, contacts: true, label: "delete, merge and erase contacts" },
  "contacts.import": { roles: ADMINS, contacts: true, label: "import contacts" },
  "contacts.export": { roles: ADMINS, contacts: true, label: "export contacts" },
  "reports.download": { roles: ADMINS, contacts: false, label: "download session reports" },
  "lists.manage": { roles: ADMINS, contacts: true, label: "manage lists" },
  "attributes.manage": { roles: ADMINS, contacts: true, label: "manage custom attributes" },
  "consent.defaults": { roles: ADMINS, contacts: true, label: "manage consent defaults" },
  "workspace.settings": { roles: OWNERS, contacts: false, label: "change workspace settings" },
  "members.manage": { roles: ADMINS, contacts: false, label: "manage members and roles" },
  "audit.read": { roles: OWNERS, contacts: false, label: "read the audit log" },
} as const satisfies Record<string, { roles: readonly Role[]; contacts: boolean; label: string }>;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}

/** Which roles a member with `role` may hand out: nobody grants more than they hold. */
export function assignableRoles(role: Role): Role[] {
  if (role === "super_admin") return [...ROLES];
  if (role === "administrator") return ROLES.filter((r) => r !== "super_admin");
  if (role === "user_manager") return ROLES.filter((r) => r !== "super_admin" && r !== "administrator");
  return [];
}

/** Settings is offered to a role that can manage at least one thing in it. */
export const SETTINGS_PERMISSIONS: Permission[] = ["workspace.settings", "members.manage", "audit.read"];
