// Single-fetch types for useLoaderData/useActionData (Remix v2 future flag).
import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
