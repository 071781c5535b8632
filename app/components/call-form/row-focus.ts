// Keyboard focus when the call form adds or removes a row (categories, criteria).
import { useEffect, useRef, type RefObject } from "react";

/**
 * After "Tilføj", focus goes to the new row's first field; after "Fjern", to the row that
 * took the removed one's place (else the last row, else the add button). Without it,
 * removing a row dropped the focus to the page body along with its button.
 * Call the returned function with the row index before changing the rows.
 */
export function useRowFocus(root: RefObject<HTMLElement>, field: string, rowCount: number) {
  const pending = useRef<number | null>(null);
  useEffect(() => {
    const index = pending.current;
    pending.current = null;
    if (index === null || !root.current) return;
    const fields = root.current.querySelectorAll<HTMLElement>(`[name="${field}"]`);
    const target = fields[Math.min(index, fields.length - 1)] ?? root.current.querySelector<HTMLElement>("[data-add-row]");
    target?.focus();
  }, [rowCount, root, field]);
  return (index: number) => {
    pending.current = index;
  };
}
