"use client";

import { useActionState, useState } from "react";
import { toast } from "sonner";
import { deleteAttributeForm, updateAttributeForm } from "@/app/(app)/settings/attributes/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { TextAreaField } from "@/components/ui/textarea-field";
import { fieldErrorOf, type FormState } from "@/lib/form-state";
import { TYPE_LABELS } from "./types";

type Def = { id: string; key: string; label: string; type: string; options: string[] };

/**
 * One attribute: rename, edit dropdown options, delete. When a change would
 * clear values contacts hold, the server answers with how many, and the
 * second click (with `confirmed`) goes ahead.
 */
export function AttributeRow({ def }: { def: Def }) {
  const [editing, setEditing] = useState(false);
  const [update, updateAction, updating] = useActionState<FormState, FormData>(async (previous, formData) => {
    const next = await updateAttributeForm(previous, formData);
    if (next.result?.ok) {
      toast.success(`${def.label} saved.`);
      setEditing(false);
    }
    return next;
  }, {});
  const [removal, deleteAction, deleting] = useActionState<FormState, FormData>(async (previous, formData) => {
    const next = await deleteAttributeForm(previous, formData);
    if (next.result?.ok) toast.success(`${def.label} deleted.`);
    return next;
  }, {});
  const needsUpdateConfirm = update.result && !update.result.ok && update.result.code === "conflict";
  const needsDeleteConfirm = removal.result && !removal.result.ok && removal.result.code === "conflict";

  return (
    <li className="px-4 py-3" data-testid={`attribute-${def.key}`}>
      <div className="flex flex-wrap items-center gap-3">
        <div className="min-w-0 flex-1">
          <p className="font-medium text-slate-900">{def.label}</p>
          <p className="text-xs text-slate-500">
            <code>{def.key}</code> · {TYPE_LABELS[def.type]}
            {def.type === "dropdown" && ` · ${def.options.join(", ")}`}
          </p>
        </div>
        <Button variant="secondary" onClick={() => setEditing(!editing)}>{editing ? "Close" : "Edit"}</Button>
        <form action={deleteAction}>
          <input type="hidden" name="id" value={def.id} />
          {needsDeleteConfirm && <input type="hidden" name="confirmed" value="on" />}
          <Button type="submit" variant="danger" disabled={deleting}>{needsDeleteConfirm ? "Delete anyway" : "Delete"}</Button>
        </form>
      </div>
      {removal.result && !removal.result.ok && (
        <div className="mt-3">
          <FormAlert tone="error">{removal.result.message}</FormAlert>
        </div>
      )}
      {editing && (
        <form action={updateAction} className="mt-4 space-y-3" noValidate>
          <input type="hidden" name="id" value={def.id} />
          {needsUpdateConfirm && <input type="hidden" name="confirmed" value="on" />}
          {update.result && !update.result.ok && <FormAlert tone="error">{update.result.message}</FormAlert>}
          <TextField name="label" label="Label" id={`label-${def.key}`} defaultValue={update.values?.label ?? def.label} error={fieldErrorOf(update, "label")} />
          {def.type === "dropdown" && (
            <TextAreaField
              name="options"
              id={`options-${def.key}`}
              label="Options (one per line)"
              rows={4}
              defaultValue={update.values?.options ?? def.options.join("\n")}
              error={needsUpdateConfirm ? undefined : fieldErrorOf(update, "options")}
            />
          )}
          <div className="flex justify-end">
            <Button type="submit" disabled={updating}>{needsUpdateConfirm ? "Save and clear those values" : "Save"}</Button>
          </div>
        </form>
      )}
    </li>
  );
}
