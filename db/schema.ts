import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  foreignKey,
  boolean,
  char,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

// Tenant tables carry workspace_id as the first column of their primary key,
// of every unique index and of every foreign key to another tenant table, so
// the schema can be distributed by workspace (Citus) later. users and
// login_attempts are global (a person signs in before a workspace is known).

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

export const roleEnum = pgEnum("role", [
  "super_admin",
  "administrator",
  "user_manager",
  "user",
  "developer",
  "billing",
  "data_analyst",
]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  defaultCountry: char("default_country", { length: 2 }).notNull().default("US"),
  contactsEnabled: boolean("contacts_enabled").notNull().default(true),
  contactLimit: integer("contact_limit"),
  // Kept in step with the contacts table inside the same transactions, so the
  // limit is enforced atomically and the unfiltered total costs nothing.
  contactCount: integer("contact_count").notNull().default(0),
  // Signs inbound-message webhooks (HMAC-SHA256); 64 hex characters from two random UUIDs.
  inboundSecret: text("inbound_secret")
    .notNull()
    .default(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    // Carried in the session token and compared on every request
    // (lib/auth/actor.ts): raising it ends every session of the user at once
    // (sign-out, password change, removal from a workspace).
    sessionVersion: integer("session_version").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    // Kept as plain values (not foreign keys) so the trail outlives a removed member.
    actorUserId: uuid("actor_user_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("audit_log_recent_idx").on(t.workspaceId, t.createdAt.desc()),
    index("audit_log_entity_idx").on(t.workspaceId, t.entityType, t.entityId),
  ],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    succeeded: boolean("succeeded").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("login_attempts_email_idx").on(t.email, t.createdAt),
    index("login_attempts_ip_idx").on(t.ip, t.createdAt),
  ],
);

export const contactStatusEnum = pgEnum("contact_status", ["active", "inactive", "blocked"]);
export const channelEnum = pgEnum("channel", ["sms", "whatsapp", "email"]);
export const contactSourceEnum = pgEnum("contact_source", ["manual", "import", "invite", "api", "inbound"]);
export const consentStateEnum = pgEnum("consent_state", ["not_subscribed", "subscribed", "unsubscribed"]);
export const consentSourceEnum = pgEnum("consent_source", ["manual", "import", "keyword", "invite", "api"]);

export const contacts = pgTable(
  "contacts",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    firstName: text("first_name"),
    lastName: text("last_name"),
    displayName: text("display_name").notNull(),
    company: text("company"),
    phoneE164: text("phone_e164"),
    // E.164 without "+": what partial-number search matches against.
    phoneDigits: text("phone_digits"),
    phoneCountry: char("phone_country", { length: 2 }),
    email: text("email"),
    notes: text("notes"),
    externalId: text("external_id"),
    status: contactStatusEnum("status").notNull().default("active"),
    preferredChannel: channelEnum("preferred_channel"),
    timezone: text("timezone"),
    addressStreet: text("address_street"),
    addressCity: text("address_city"),
    addressState: text("address_state"),
    addressZip: text("address_zip"),
    addressCountry: text("address_country"),
    source: contactSourceEnum("source").notNull().default("manual"),
    consentSms: consentStateEnum("consent_sms").notNull().default("not_subscribed"),
    consentWhatsapp: consentStateEnum("consent_whatsapp").notNull().default("not_subscribed"),
    consentEmail: consentStateEnum("consent_email").notNull().default("not_subscribed"),
    // Who made each channel's last consent change, and when (null while never
    // recorded). The consent guard trigger (db/sql, migration 0015) keeps a
    // keyword opt-out locked against every source but the person's own
    // keyword, and refuses a state change that does not record its source.
    consentSmsSource: consentSourceEnum("consent_sms_source"),
    consentSmsChangedAt: timestamp("consent_sms_changed_at", { withTimezone: true }),
    consentWhatsappSource: consentSourceEnum("consent_whatsapp_source"),
    consentWhatsappChangedAt: timestamp("consent_whatsapp_changed_at", { withTimezone: true }),
    consentEmailSource: consentSourceEnum("consent_email_source"),
    consentEmailChangedAt: timestamp("consent_email_changed_at", { withTimezone: true }),
    attributes: jsonb("attributes").$type<Record<string, unknown>>().notNull().default({}),
    // The text and dropdown attribute values, space-joined by the app on every
    // write, so search covers them without indexing keys, numbers or dates.
    attributeText: text("attribute_text"),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }),
    sessionCount: integer("session_count").notNull().default(0),
    createdBy: uuid("created_by"),
    updatedBy: uuid("updated_by"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    // One lower-cased haystack for search (name, company, email, phone digits,
    // external ID), covered by a single trigram index.
    searchText: text("search_text")
      .notNull()
      .generatedAlwaysAs(
        sql`lower(coalesce(display_name, '') || ' ' || coalesce(company, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone_digits, '') || ' ' || coalesce(external_id, '') || ' ' || coalesce(attribute_text, ''))`,
      ),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("contacts_phone_key").on(t.workspaceId, t.phoneE164).where(sql`${t.phoneE164} IS NOT NULL`),
    uniqueIndex("contacts_email_key").on(t.workspaceId, t.email).where(sql`${t.email} IS NOT NULL`),
    uniqueIndex("contacts_external_id_key").on(t.workspaceId, t.externalId).where(sql`${t.externalId} IS NOT NULL`),
    // Migration 0008 recreates these two with INCLUDE columns (index-only scans)
    // and adds contacts_status_name_idx; drizzle-kit cannot express INCLUDE.
    index("contacts_name_idx").on(t.workspaceId, sql`lower(${t.displayName})`, t.id),
    index("contacts_company_idx").on(t.workspaceId, sql`lower(${t.company})`, t.id),
    index("contacts_activity_idx").on(t.workspaceId, t.lastActivityAt.desc().nullsLast(), t.id.desc()),
    index("contacts_created_idx").on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    // btree_gin lets the trigram index carry workspace_id, so one workspace's
    // search never walks another's rows.
    index("contacts_search_idx").using("gin", t.workspaceId, sql`${t.searchText} gin_trgm_ops`),
    // Dropdown and boolean attribute filters are containment (@>) lookups.
    index("contacts_attributes_idx").using("gin", t.workspaceId, sql`${t.attributes} jsonb_path_ops`),
    // A recorded consent state always says where it came from.
    ...(["sms", "whatsapp", "email"] as const).map((channel) =>
      check(`contacts_consent_${channel}_recorded`, sql.raw(`(consent_${channel} = 'not_subscribed') = (consent_${channel}_source IS NULL)`)),
    ),
  ],
);

export const favorites = pgTable(
  "favorites",
  {
    workspaceId: uuid("workspace_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId, t.contactId] }),
    index("favorites_contact_idx").on(t.workspaceId, t.contactId),
    foreignKey({
      name: "favorites_contact_fk",
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete("cascade"),
  ],
);

export const lists = pgTable(
  "lists",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("lists_name_key").on(t.workspaceId, sql`lower(${t.name})`),
  ],
);

export const listMembers = pgTable(
  "list_members",
  {
    workspaceId: uuid("workspace_id").notNull(),
    listId: uuid("list_id").notNull(),
    contactId: uuid("contact_id").notNull(),
    // The contact's lower(display_name), for list pages in name order. A
    // trigger sets it on every insert whatever the insert says, and follows
    // renames (migration 0011); the default only lets inserts leave it out.
    sortName: text("sort_name").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.listId, t.contactId] }),
    index("list_members_contact_idx").on(t.workspaceId, t.contactId),
    index("list_members_sort_idx").on(t.workspaceId, t.listId, t.sortName, t.contactId),
    foreignKey({ name: "list_members_list_fk", columns: [t.workspaceId, t.listId], foreignColumns: [lists.workspaceId, lists.id] }).onDelete(
      "cascade",
    ),
    foreignKey({
      name: "list_members_contact_fk",
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete("cascade"),
  ],
);

export const attributeTypeEnum = pgEnum("attribute_type", ["text", "number", "date", "dropdown", "boolean"]);

export const attributeDefinitions = pgTable(
  "attribute_definitions",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    // Stable identifier used in contacts.attributes, imports, exports and the API.
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: attributeTypeEnum("type").notNull(),
    options: jsonb("options").$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), uniqueIndex("attribute_definitions_key").on(t.workspaceId, t.key)],
);

/**
 * How many of a workspace's contacts hold each value of each dropdown and
 * boolean attribute, kept by statement triggers on contacts (migration 0010),
 * so a page filtered by one such value is counted exactly without a scan.
 * Rows are deltas, summed when read and merged now and then (lib/attributes/
 * value-counts.ts): an increment never waits on another transaction's lock.
 */
export const attributeValueCounts = pgTable(
  "attribute_value_counts",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    value: jsonb("value").notNull(),
    n: bigint("n", { mode: "number" }).notNull(),
  },
  (t) => [index("attribute_value_counts_idx").on(t.workspaceId, t.key, t.value)],
);

/** Each member's chosen and ordered contact table columns, per workspace. */
export const columnPreferences = pgTable(
  "column_preferences",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    columns: jsonb("columns").$type<string[]>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);


/** The consent ledger: every change of a contact's consent on one channel. */
export const consentEvents = pgTable(
  "consent_events",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    contactId: uuid("contact_id").notNull(),
    channel: channelEnum("channel").notNull(),
    oldState: consentStateEnum("old_state").notNull(),
    newState: consentStateEnum("new_state").notNull(),
    source: consentSourceEnum("source").notNull(),
    actorUserId: uuid("actor_user_id"),
    actorLabel: text("actor_label"),
    // What justified the change: the inbound message, the import job id, a note.
    evidence: jsonb("evidence"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("consent_events_contact_idx").on(t.workspaceId, t.contactId, t.createdAt),
    foreignKey({
      name: "consent_events_contact_fk",
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete("cascade"),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    title: text("title").notNull(),
    reference: text("reference"),
    agentUserId: uuid("agent_user_id"),
    agentName: text("agent_name").notNull(),
    joinCode: text("join_code").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("sessions_recent_idx").on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    index("sessions_agent_idx").on(t.workspaceId, t.agentUserId, t.createdAt.desc()),
    // The public join link carries only the code.
    index("sessions_join_code_idx").on(t.joinCode),
  ],
);

export const inviteStatusEnum = pgEnum("invite_status", ["queued", "sent", "failed"]);

/**
 * One invitation of a session, over one channel to one destination. The
 * contact is kept by id and by name at send time (no foreign key), so the
 * Agent Portal and reports still read right after the contact is deleted.
 */
export const invites = pgTable(
  "invites",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    sessionId: uuid("session_id").notNull(),
    channel: channelEnum("channel").notNull(),
    destination: text("destination").notNull(),
    contactId: uuid("contact_id"),
    contactName: text("contact_name"),
    status: inviteStatusEnum("status").notNull().default("queued"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("invites_session_idx").on(t.workspaceId, t.sessionId),
    index("invites_contact_idx").on(t.workspaceId, t.contactId, t.createdAt),
    foreignKey({ name: "invites_session_fk", columns: [t.workspaceId, t.sessionId], foreignColumns: [sessions.workspaceId, sessions.id] }).onDelete(
      "cascade",
    ),
  ],
);

/** The built-in delivery transport: messages "sent" land here, and the Outbox page shows them. */
export const outbox = pgTable(
  "outbox",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    inviteId: uuid("invite_id").notNull(),
    channel: channelEnum("channel").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("outbox_recent_idx").on(t.workspaceId, t.createdAt.desc()),
    foreignKey({ name: "outbox_invite_fk", columns: [t.workspaceId, t.inviteId], foreignColumns: [invites.workspaceId, invites.id] }).onDelete(
      "cascade",
    ),
  ],
);

/** Inbound messages from the webhook, keyed by the provider's message id so a replay applies once. */
export const inboundMessages = pgTable(
  "inbound_messages",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    messageId: text("message_id").notNull(),
    channel: channelEnum("channel").notNull(),
    sender: text("sender").notNull(),
    body: text("body").notNull(),
    contactId: uuid("contact_id"),
    keyword: text("keyword"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.messageId] }),
    index("inbound_messages_contact_idx").on(t.workspaceId, t.contactId, t.createdAt),
  ],
);

export const importStatusEnum = pgEnum("import_status", [
  "uploaded",
  "previewing",
  "previewed",
  "queued",
  "running",
  "completed",
  "failed",
]);

/**
 * One import, from upload to summary. Its state lives here (not in a server's
 * memory) so any instance can report progress and a restart can tell that a
 * run died (status running → failed).
 */
export const importJobs = pgTable(
  "import_jobs",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    createdBy: uuid("created_by"),
    createdByLabel: text("created_by_label").notNull(),
    fileName: text("file_name").notNull(),
    format: text("format").notNull(), // csv | xlsx | vcf
    delimiter: text("delimiter"),
    hasHeader: boolean("has_header").notNull().default(true),
    totalBytes: bigint("total_bytes", { mode: "number" }).notNull().default(0),
    columns: jsonb("columns").$type<string[]>().notNull().default([]),
    sample: jsonb("sample").$type<string[][]>().notNull().default([]),
    mapping: jsonb("mapping"),
    options: jsonb("options"),
    status: importStatusEnum("status").notNull().default("uploaded"),
    phase: text("phase"),
    rowsRead: integer("rows_read").notNull().default(0),
    bytesRead: bigint("bytes_read", { mode: "number" }).notNull().default(0),
    // Counts of the last preview and of the real run.
    preview: jsonb("preview"),
    result: jsonb("result"),
    error: text("error"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index("import_jobs_status_idx").on(t.status)],
);

/** The uploaded file, in 1 MB chunks: any instance can read it, and nothing is kept on a server's disk. */
export const importFiles = pgTable(
  "import_files",
  {
    workspaceId: uuid("workspace_id").notNull(),
    jobId: uuid("job_id").notNull(),
    seq: integer("seq").notNull(),
    data: bytea("data").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.jobId, t.seq] }),
    foreignKey({ name: "import_files_job_fk", columns: [t.workspaceId, t.jobId], foreignColumns: [importJobs.workspaceId, importJobs.id] }).onDelete(
      "cascade",
    ),
  ],
);

/** Rows that failed, with their original values, for the downloadable error CSV. */
export const importErrors = pgTable(
  "import_errors",
  {
    workspaceId: uuid("workspace_id").notNull(),
    jobId: uuid("job_id").notNull(),
    rowNumber: integer("row_number").notNull(),
    reason: text("reason").notNull(),
    values: jsonb("values").$type<string[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.jobId, t.rowNumber] }),
    foreignKey({ name: "import_errors_job_fk", columns: [t.workspaceId, t.jobId], foreignColumns: [importJobs.workspaceId, importJobs.id] }).onDelete(
      "cascade",
    ),
  ],
);

/**
 * One row per background job running now (kept a little after it ends), beaten by its worker every few
 * seconds (lib/jobs/heartbeat.ts). A row whose beat stopped belongs to a
 * worker that died (kill -9, lost host): any instance then fails or retries
 * its job, which the queue (pg-boss 10) would otherwise hold active until its
 * expiry. Not a tenant table: jobs such as retention span workspaces.
 */
export const jobRuns = pgTable("job_runs", {
  jobId: uuid("job_id").primaryKey(),
  queue: text("queue").notNull(),
  worker: text("worker").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  beatAt: timestamp("beat_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * API keys (issue 16): a workspace credential acting with one role. Only the
 * SHA-256 of the secret is kept (the secret is 32 random bytes, so a slow
 * hash adds nothing), beside the visible prefix that names it in lists and
 * audit entries. The hash index is not unique, since tenant unique indexes
 * lead with workspace_id; two random 256-bit secrets do not collide. A key acts for the member who made it: it stops working
 * when that member leaves the workspace (lib/api-keys/resolve.ts).
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull(),
    role: roleEnum("role").notNull(),
    createdBy: uuid("created_by").notNull(),
    createdByLabel: text("created_by_label").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index("api_keys_secret_hash_idx").on(t.secretHash)],
);

/**
 * The first answer to each `Idempotency-Key`, kept 24 hours and replayed
 * (lib/api/idempotency.ts). A row without a status is a request still
 * running: a second one with the same key waits for nothing and gets 409.
 */
export const apiIdempotency = pgTable(
  "api_idempotency",
  {
    workspaceId: uuid("workspace_id").notNull(),
    keyId: uuid("key_id").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status"),
    body: text("body"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.keyId, t.idempotencyKey] }),
    index("api_idempotency_created_idx").on(t.createdAt),
    foreignKey({ name: "api_idempotency_key_fk", columns: [t.workspaceId, t.keyId], foreignColumns: [apiKeys.workspaceId, apiKeys.id] }).onDelete("cascade"),
  ],
);

/** Requests per key per minute window, counted in the database so the limit holds across every app instance. */
export const apiRateWindows = pgTable(
  "api_rate_windows",
  {
    workspaceId: uuid("workspace_id").notNull(),
    keyId: uuid("key_id").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.keyId, t.windowStart] }),
    foreignKey({ name: "api_rate_windows_key_fk", columns: [t.workspaceId, t.keyId], foreignColumns: [apiKeys.workspaceId, apiKeys.id] }).onDelete("cascade"),
  ],
);

export type Workspace = typeof workspaces.$inferSelect;
export type User = typeof users.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
export type AuditEntry = typeof auditLog.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Contact = typeof contacts.$inferSelect;
export type ContactStatus = (typeof contactStatusEnum.enumValues)[number];
export type Channel = (typeof channelEnum.enumValues)[number];
export type ContactSource = (typeof contactSourceEnum.enumValues)[number];
export type ConsentState = (typeof consentStateEnum.enumValues)[number];
export type ConsentSource = (typeof consentSourceEnum.enumValues)[number];
export type ConsentEvent = typeof consentEvents.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Invite = typeof invites.$inferSelect;
export type ImportJob = typeof importJobs.$inferSelect;
export type List = typeof lists.$inferSelect;
export type AttributeDefinition = typeof attributeDefinitions.$inferSelect;
export type AttributeType = (typeof attributeTypeEnum.enumValues)[number];

