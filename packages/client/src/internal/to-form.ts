/** Encodes a flat object as `application/x-www-form-urlencoded`, leaving out undefined members. */
export function toForm(body: object): URLSearchParams {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) if (v !== undefined) form.set(k, String(v));
  return form;
}
