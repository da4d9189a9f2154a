/**
 * Fetch a JSON data file the site may serve gzipped (`*.json.gz`: the neuron layers' data, a pair's histograms). A server that sends it with
 * `Content-Encoding: gzip` has already unpacked it, so the gzip magic bytes decide, not the file name.
 */
export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(bytes)) as T;
  const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return (await new Response(unpacked).json()) as T;
}
