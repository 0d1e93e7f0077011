import type { Permission } from "@/lib/auth/permissions";

/** The Settings pages, each shown to the roles holding its permission. */
export const SETTINGS_SECTIONS: { href: string; label: string; permission: Permission }[] = [
  { href: "/settings/workspace", label: "Workspace", permission: "workspace.settings" },
  { href: "/settings/members", label: "Members", permission: "members.manage" },
  { href: "/settings/attributes", label: "Custom attributes", permission: "attributes.manage" },
  { href: "/settings/audit", label: "Audit log", permission: "audit.read" },
];
