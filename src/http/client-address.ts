import { isIP } from 'node:net';
import type { Request } from 'express';
import ipaddr from 'ipaddr.js';

/**
 * The key a client's failed attempts are counted under. `req.ip` comes from X-Forwarded-For
 * whenever TRUST_PROXY lets it, and a client that can reach the port directly can write any
 * text there: only a real IP address is taken, otherwise the socket's own address is. An IPv6
 * client is keyed by its /64, the smallest block a single subscriber is normally given, so
 * rotating through its own addresses does not buy fresh budgets; an IPv4-mapped IPv6 address
 * counts as the IPv4 address it carries.
 */
export function clientKey(req: Request, onForged: (forwarded: string) => void): string {
  const forwarded = req.ip;
  const socket = req.socket.remoteAddress ?? 'unknown';
  const address = forwarded !== undefined && isIP(forwarded) !== 0 ? forwarded : socket;
  if (forwarded !== undefined && address !== forwarded) onForged(forwarded);
  if (isIP(address) === 0) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const prefix = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...prefix, 0, 0, 0, 0]).toString()}/64`;
}
