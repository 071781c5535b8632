// Keyboard-only helpers for the browser tests: move focus with Tab (or Shift+Tab) until a
// given element has it, checking on every stop that the focus can be seen, and fail with
// a clear message when the element is never reached (unreachable) or focus stops moving
// (a keyboard trap). No fixed tab counts: a new link on the page must not break a test.
import { expect, type ElementHandle, type Locator, type Page } from "@playwright/test";

type Stop = { target: boolean; body: boolean; description: string; visible: boolean };

/** What has focus now: a short description, whether it is the target, whether the focus shows. */
async function focusStop(page: Page, handle: ElementHandle | null): Promise<Stop> {
  return page.evaluate((t) => {
    const el = document.activeElement as HTMLElement | null;
    // An outline counts when it contrasts 3:1 with what it is drawn on (WCAG 1.4.11): the
    // element's own background for an inward outline, else the nearest opaque ancestor's.
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const backgroundOf = (start: Element | null) => {
      for (let e = start; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c;
      }
      return [255, 255, 255];
    };
    const contrast = (a: number[], b: number[]) => {
      const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
      return (x + 0.05) / (y + 0.05);
    };
    const shows = (s: CSSStyleDeclaration, inside: Element, outside: Element | null) => {
      if (s.boxShadow !== "" && s.boxShadow !== "none") return true;
      if (s.outlineStyle === "none" || parseFloat(s.outlineWidth) < 1) return false;
      if (s.outlineStyle === "auto") return true;
      const under = backgroundOf(parseFloat(s.outlineOffset) < 0 ? inside : outside);
      return contrast(rgb(s.outlineColor), under) >= 3;
    };
    const describe = (e: HTMLElement) => {
      const input = e as HTMLInputElement;
      const label =
        e.getAttribute("aria-label") ??
        (input.labels?.[0]?.textContent ?? "") ??
        "";
      const text = (label || e.innerText || input.value || e.id || "").replace(/\s+/g, " ").trim().slice(0, 60);
      return `<${e.tagName.toLowerCase()}${input.type ? ` type=${input.type}` : ""}> "${text}"`;
    };
    if (!el || el === document.body || el === document.documentElement) {
      return { target: false, body: true, description: "<body>", visible: true };
    }
    let visible = shows(getComputedStyle(el), el, el.parentElement);
    // Det Fælles Designsystem hides the native checkbox and radio and draws the focus on the label's box.
    if (!visible && el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
      visible = [...(el.labels ?? [])].some((l) => shows(getComputedStyle(l, "::before"), l, l));
    }
    const onScreen = el.getBoundingClientRect().width > 0 || el instanceof HTMLInputElement;
    return { target: el === t, body: false, description: describe(el), visible: visible && onScreen };
  }, handle);
}

/** Throws unless the focused element has a visible focus indicator (outline or box-shadow). */
export async function expectFocusVisible(page: Page) {
  const stop = await focusStop(page, null);
  expect(stop.visible, `focus indicator missing on ${stop.description}`).toBe(true);
}

/**
 * Press Tab (or Shift+Tab) until `target` has focus, at most `max` times. Every element
 * passed on the way must show its focus. Fails with the path taken when the target is not
 * reached, and as a keyboard trap when focus stays on one element for three presses.
 */
export async function tabTo(page: Page, target: Locator, what: string, opts: { max?: number; back?: boolean } = {}) {
  const max = opts.max ?? 80;
  const key = opts.back ? "Shift+Tab" : "Tab";
  await expect(target, `${what}: expected exactly one element`).toHaveCount(1);
  const handle = await target.elementHandle();
  const path: string[] = [];
  let same = 0;
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    const stop = await focusStop(page, handle);
    if (!stop.visible) throw new Error(`Focus is not visible on ${stop.description} (on the way to ${what}, press ${i})`);
    if (stop.target) return i;
    same = path.at(-1) === stop.description && !stop.body ? same + 1 : 0;
    path.push(stop.description);
    if (same >= 2) throw new Error(`Keyboard trap: focus stays on ${stop.description} (on the way to ${what})`);
  }
  throw new Error(`${what} is unreachable with ${key}: not focused after ${max} presses. Path: ${path.join(" → ")}`);
}

/** Tab to the element and type into it (a text field or a select's type-ahead). */
export async function tabAndType(page: Page, target: Locator, what: string, text: string) {
  await tabTo(page, target, what);
  await page.keyboard.type(text);
}

/** Tab to a button or link and press Enter. */
export async function tabAndPress(
  page: Page,
  target: Locator,
  what: string,
  key: "Enter" | "Space" = "Enter",
  opts: { max?: number; back?: boolean } = {},
) {
  await tabTo(page, target, what, opts);
  await page.keyboard.press(key);
}

/** Whether `target` has focus (for assertions only). */
export function isFocused(target: Locator) {
  return target.evaluate((el) => el === document.activeElement);
}
