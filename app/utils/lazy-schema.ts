// A form schema that is loaded when it is first needed instead of with the page. zod and a
// form's schemas are ~33 KB gzip of the application form's first load, and nothing checks a
// field before the user has been in the form (decision 039). No zod code here: the helpers
// that take a schema only call its safeParse.
import type { FormSchema } from "./form-errors";

export type LazySchema = {
  /** The schema once loaded; null before, and for good when it could not be loaded. */
  readonly current: FormSchema | null;
  /** True once loading has ended, either way. */
  readonly settled: boolean;
  /**
   * Starts loading (once) and resolves to the schema, or to null when the module cannot be
   * loaded (offline, or a new deploy removed the chunk). Null means: the browser does not
   * check, and the server, which parses every post with the same schema, answers with the
   * same messages, as it does without JavaScript.
   */
  load(): Promise<FormSchema | null>;
};

/** A schema given directly, or one to load. */
export type SchemaSource = FormSchema | LazySchema;

export function lazySchema(load: () => Promise<FormSchema>): LazySchema {
  let pending: Promise<FormSchema | null> | null = null;
  const state = { current: null as FormSchema | null, settled: false };
  return {
    get current() {
      return state.current;
    },
    get settled() {
      return state.settled;
    },
    load() {
      pending ??= load().then(
        (schema) => {
          Object.assign(state, { current: schema, settled: true });
          return schema;
        },
        () => {
          state.settled = true;
          return null;
        },
      );
      return pending;
    },
  };
}

export function isLazySchema(source: SchemaSource): source is LazySchema {
  return typeof (source as Partial<LazySchema>).load === "function";
}

/** The schema to check with now: the schema, null (do not check here) or undefined (still loading). */
export function schemaNow(source: SchemaSource): FormSchema | null | undefined {
  if (!isLazySchema(source)) return source;
  return source.settled ? source.current : undefined;
}

/** The schema, waiting for it if needed; null when it could not be loaded. */
export async function schemaWhenReady(source: SchemaSource): Promise<FormSchema | null> {
  return isLazySchema(source) ? source.load() : source;
}
