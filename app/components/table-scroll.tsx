import type { ReactNode } from "react";

/**
 * A wide table that may scroll sideways: a labelled region that takes keyboard focus,
 * so keyboard users can scroll it too (WCAG 2.1.1, axe's scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="pp-table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
