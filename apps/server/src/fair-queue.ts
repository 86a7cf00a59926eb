import type { IncomingMessage, ServerResponse } from "node:http";

type TListener = (req: IncomingMessage, res: ServerResponse) => void;
/** `arrivedAt`: when the request was read (`performance.now()`), before its wait in the queue. */
type THandler = (req: IncomingMessage, res: ServerResponse, arrivedAt: number) => void;
type TQueued = [IncomingMessage, ServerResponse, number];

/**
 * Requests served in their order of arrival, one per turn of the event loop.
 *
 * Node takes one new connection per turn of its event loop, and in a turn it handles every
 * request already read on the open connections. Handling each request as it is read made a turn
 * last as long as the pile of requests in it: at the opening of the summer places a turn took
 * tens of milliseconds, the server took in a handful of new connections per tenth of a second,
 * and a parent whose phone opened a connection then waited a second and more, while parents on
 * open connections were answered in a tenth of that (`pnpm bench:rush`). Here a request is only
 * queued as it is read, and each turn serves the oldest one (its synchronous part and what
 * follows at once), then goes back for new connections and new requests, which queue behind it.
 * What a request waits for afterwards (the disk, PayFiP) goes on as before, outside the queue.
 */
export function servedInTurn(handler: THandler): TListener {
  const queue: TQueued[] = [];
  const serveOne = () => {
    const next = queue.shift();
    if (!next) return;
    if (queue.length > 0) setImmediate(serveOne);
    const [req, res, arrivedAt] = next;
    // The phone went away before its request was even whole: nobody to answer, nothing to do. A
    // request received whole is served even if its connection closed meanwhile.
    if (req.destroyed && !req.complete) return;
    try {
      handler(req, res, arrivedAt);
    } catch {
      // The handler answers its own errors; one that escapes it still ends this request only.
      if (res.headersSent) res.destroy();
      else res.writeHead(500).end();
    }
  };
  return (req, res) => {
    // A turn is already booked while the queue holds requests.
    if (queue.push([req, res, performance.now()]) === 1) setImmediate(serveOne);
  };
}
