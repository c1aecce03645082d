/**
 * The place for the portal's own checks in the review (issue 30, point 6): an async
 * function `mount` will take as `rowHook`, which receives the mapped fields of rows in
 * batches and answers problems per cell in the user's language.
 *
 * Not available yet. Until the wizard supports it, `RowHook` is `never`, so passing a
 * `rowHook` is a compile error in TypeScript and an exception from `mount` in JavaScript,
 * rather than a check the portal believes runs while it silently does not.
 *
 * To add it: give `RowHook` its signature here (and the types of its rows and answers
 * beside it), remove the refusal in `mount.ts` (`refuseUnsupported`), and let the React
 * component pass the latest hook through a ref as it does `getToken` (`react.tsx`), so a
 * new function on every render does not mount the wizard again.
 */
export type RowHook = never;
