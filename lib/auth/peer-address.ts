import http from "node:http";
import https from "node:https";
import { CLIENT_IP_HEADER, clientAddress, parseTrustedProxies } from "./client-ip";

/*
 * Next.js 16 hands route handlers (and next-auth's authorize) a Request with
 * no socket address, and `next start` sets X-Forwarded-For to the peer only
 * when the client sent none (base-server: `??=`), so a forged header replaces
 * the real address. The socket is only reachable where Node emits the
 * request, so this wraps that one event, for every server in the process
 * (`next start`, each cluster worker, `next dev`): it works the client
 * address out from the socket and TRUSTED_PROXIES, and writes it to
 * CLIENT_IP_HEADER, replacing whatever the client put there.
 */

const INSTALLED = Symbol.for("switchboard.peer-address");

type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;

export function installClientAddressHook(trustedProxies = process.env.TRUSTED_PROXIES): void {
  // Parsed now, so a bad setting stops the server at start with its message.
  const trusted = parseTrustedProxies(trustedProxies);
  for (const proto of [http.Server.prototype, https.Server.prototype] as unknown as { emit: Emit; [INSTALLED]?: Emit }[]) {
    const original = proto[INSTALLED] ?? proto.emit;
    proto[INSTALLED] = original;
    proto.emit = function emit(this: http.Server, event, ...args) {
      if (event === "request") {
        const req = args[0] as http.IncomingMessage;
        const forwarded = req.headers["x-forwarded-for"];
        req.headers[CLIENT_IP_HEADER] = clientAddress(
          Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
          req.socket.remoteAddress,
          trusted,
        );
      }
      return original.call(this, event, ...args);
    };
  }
}
