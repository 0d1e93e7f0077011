"use client";

import { useRouter } from "next/navigation";

/**
 * Client-side navigation for the plain <a> links inside a block: one listener
 * instead of a <Link> per row. Modified clicks, other targets, downloads and
 * other origins stay native.
 */
export function useSoftNavigation(): (event: React.MouseEvent) => void {
  const router = useRouter();
  return (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element).closest("a");
    if (!link || (link.target && link.target !== "_self") || link.hasAttribute("download") || link.origin !== window.location.origin) return;
    event.preventDefault();
    router.push(link.pathname + link.search + link.hash);
  };
}

/** A block whose plain links navigate client-side (see useSoftNavigation). */
export function SoftNav({ className, children }: { className?: string; children: React.ReactNode }) {
  const onClick = useSoftNavigation();
  // The listener only picks up clicks on the links inside, which are focusable themselves.
  return (
    <div className={className} onClick={onClick}>
      {children}
    </div>
  );
}
