"use client";

import type { FormHTMLAttributes } from "react";

/**
 * A GET form that leaves empty fields out of the URL, so shared links read
 * `?q=jane&status=active` rather than a list of blank parameters.
 */
export function CleanGetForm(props: Omit<FormHTMLAttributes<HTMLFormElement>, "method" | "onSubmit">) {
  return (
    <form
      {...props}
      method="get"
      onSubmit={(event) => {
        for (const element of Array.from(event.currentTarget.elements)) {
          const field = element as HTMLInputElement;
          if (field.name && field.value === "" && field.type !== "submit") field.disabled = true;
        }
        // Re-enable after the browser has read the form, for Back navigation.
        setTimeout(() => {
          for (const element of Array.from(event.currentTarget?.elements ?? [])) (element as HTMLInputElement).disabled = false;
        });
      }}
    />
  );
}
