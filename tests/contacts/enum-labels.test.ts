import { channelEnum, consentSourceEnum, consentStateEnum, contactSourceEnum, contactStatusEnum } from "@/db/schema";
import { CHANNEL_LABELS, CONSENT_SOURCE_LABELS, CONSENT_STATE_LABELS, CONTACT_SOURCE_LABELS, CONTACT_STATUS_LABELS, labelOptions } from "@/lib/enum-labels";

test.each([
  ["channel", CHANNEL_LABELS, channelEnum.enumValues],
  ["consent state", CONSENT_STATE_LABELS, consentStateEnum.enumValues],
  ["contact status", CONTACT_STATUS_LABELS, contactStatusEnum.enumValues],
  ["contact source", CONTACT_SOURCE_LABELS, contactSourceEnum.enumValues],
  ["consent source", CONSENT_SOURCE_LABELS, consentSourceEnum.enumValues],
])("every %s has a label, in the enum's order", (_name, labels, values) => {
  expect(Object.keys(labels)).toEqual([...values]);
  for (const label of Object.values(labels)) expect(label).toMatch(/^\S/);
});

test("options for a select, optionally only some values in a chosen order", () => {
  expect(labelOptions(CHANNEL_LABELS)).toEqual([
    { value: "sms", label: "SMS" },
    { value: "whatsapp", label: "WhatsApp" },
    { value: "email", label: "Email" },
  ]);
  expect(labelOptions(CONSENT_STATE_LABELS, ["unsubscribed", "subscribed"]).map((o) => o.label)).toEqual(["Unsubscribed", "Subscribed"]);
});
