/** See ./http-post.js: one POST over node:http(s) with kept-alive connections. */
export function httpPost(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<{ status: number; text: string }>;
