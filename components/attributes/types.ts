export const ATTRIBUTE_TYPES = [
  { value: "text", label: "Text" },
  { value: "number", label: "Number" },
  { value: "date", label: "Date" },
  { value: "dropdown", label: "Dropdown" },
  { value: "boolean", label: "Yes / no" },
];

export const TYPE_LABELS: Record<string, string> = Object.fromEntries(ATTRIBUTE_TYPES.map((t) => [t.value, t.label]));
