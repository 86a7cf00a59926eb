/**
 * A POST over node:http(s), written in plain JavaScript so that the worker thread of post.ts
 * (post-thread.mjs) runs it as it is; its types are in post-http.d.mts.
 */
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

// Connections kept open between calls: a payment asks PayFiP twice within a minute, and at the
// opening of the summer places hundreds of payments start together. Idle sockets do not keep the
// process alive.
const agents = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
};

/**
 * @param {URL} url
 * @param {string} body
 * @param {Record<string, string>} headers
 * @param {number} timeoutMs
 * @returns {Promise<{ status: number; text: string; reused: boolean }>}
 */
function once(url, body, headers, timeoutMs) {
  const secure = url.protocol === "https:";
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(
      url,
      {
        method: "POST",
        agent: secure ? agents.https : agents.http,
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      },
      (res) => {
        /** @type {Buffer[]} */
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString("utf8"),
            reused: req.reusedSocket,
          }),
        );
      },
    );
    req.setTimeout(timeoutMs, () =>
      req.destroy(new Error(`pas de réponse en ${Math.round(timeoutMs / 1000)} s`)),
    );
    req.on("error", (error) => reject(Object.assign(error, { reused: req.reusedSocket })));
    req.end(body);
  });
}

/**
 * A POST over node:http(s) with kept-alive connections — far lighter than `fetch` per call. A
 * kept connection the other side closed meanwhile fails before anything was read: that one case
 * is sent again once, on a new connection.
 * @param {string} url
 * @param {string} body
 * @param {Record<string, string>} headers
 * @param {number} timeoutMs
 * @returns {Promise<{ status: number; text: string }>}
 */
export async function post(url, body, headers, timeoutMs) {
  const target = new URL(url);
  try {
    const { status, text } = await once(target, body, headers, timeoutMs);
    return { status, text };
  } catch (error) {
    const e = /** @type {NodeJS.ErrnoException & { reused?: boolean }} */ (error);
    if (!e.reused || (e.code !== "ECONNRESET" && e.code !== "EPIPE")) throw error;
    const { status, text } = await once(target, body, headers, timeoutMs);
    return { status, text };
  }
}
