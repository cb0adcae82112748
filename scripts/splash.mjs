// index.html's first paint, in two versions. As written, it shows the first screen (a first
// visit: the language and the two choices, working before any script has run). On a device
// already set up (a family's phone, or staff.html) it shows "Loading Waymark…" instead: the
// service worker serves index.html that way to a family's phone, scripts/csp-loader.mjs builds
// staff.html that way, and the loader makes the same change where neither has.
export const RETURNING = [
  ['<div id="splash" class="splash splash-choose">', '<div id="splash" class="splash">'],
  ['<div class="splash-wait" aria-hidden="true" hidden>', '<div class="splash-wait" aria-hidden="true">'],
  ['<div class="splash-first">', '<div class="splash-first" hidden>'],
];

/** index.html as a device that has been here before gets it; null if it is not as expected. */
export function returning(html) {
  let out = html;
  for (const [from, to] of RETURNING) {
    if (!out.includes(from)) return null;
    out = out.replace(from, to);
  }
  return out;
}
