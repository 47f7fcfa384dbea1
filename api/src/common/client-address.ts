import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key per-address limits count under. An IPv4 address is itself (an
 * IPv4-mapped IPv6 one, `::ffff:192.0.2.1`, too). An IPv6 address counts by
 * its /64 network: one subscriber gets at least a /64, so counting single
 * IPv6 addresses would hand each client 2^64 fresh budgets.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(address)) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` expanded, zone dropped. */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.split('%')[0].toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // A trailing dotted IPv4 part (::ffff:1.2.3.4 handled above, 64:ff9b::1.2.3.4 here) fills two groups.
  const last = (tail === undefined ? left : right).at(-1);
  const dotted = last && last.includes('.') ? 1 : 0;
  const missing = tail === undefined ? 0 : 8 - left.length - right.length - dotted;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => (group.includes('.') ? group : parseInt(group, 16).toString(16)));
}
