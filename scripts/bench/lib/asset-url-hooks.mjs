// Node module hooks for scripts that import the app's route modules outside Vite (explain.ts):
// a `…?url` import (a stylesheet's URL) becomes a module exporting a placeholder string.
export async function resolve(specifier, context, next) {
  if (/\?url$/.test(specifier)) return { url: `data:text/javascript,${encodeURIComponent(`export default ${JSON.stringify(`/bench-asset/${specifier}`)};`)}`, shortCircuit: true };
  return next(specifier, context);
}
