// Thin client of the dyad JSON API (docs/api.md). Every call returns parsed JSON or throws an
// Error carrying the server's {"error": ...} message.
export async function get(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== undefined && v !== null && v !== false) q.set(k, v);
  const url = q.toString() ? `${path}?${q}` : path;
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (!res.ok) throw new Error(body.error || `HTTP ${res.status}`);
  return body;
}
