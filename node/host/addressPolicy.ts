/**
 * Which IP addresses a URL import may connect to. By default only public unicast
 * addresses: a page on the internet must not be able to make Casefile fetch from
 * this computer (loopback), the local network (private, link-local, unique-local,
 * carrier-grade NAT), multicast or reserved space — including through a redirect or
 * a name that resolves there. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) counts as the
 * IPv4 address it maps; NAT64 (`64:ff9b::/96`) and 6to4 (`2002::/16`) addresses are
 * judged by the IPv4 address they embed. Decimal, octal and hex spellings of IPv4
 * never reach here: the URL parser turns `http://2130706433/`, `http://0177.1/` and
 * `http://0x7f.1/` into `127.0.0.1`.
 *
 * ipaddr.js does the parsing and range tables; what is refused is decided here.
 */
import { networkInterfaces } from 'node:os';
import ipaddr from 'ipaddr.js';

/** `range` names what a refused address is: ipaddr.js's range, or `invalid`; the app puts it in words (`urlFetch.range.<range>`). */
export type AddressVerdict = { allowed: true; address: string } | { allowed: false; address: string; range: string };

function parse(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return null;
  // process() turns an IPv4-mapped IPv6 address into the IPv4 address it maps.
  return ipaddr.process(bare);
}

/** The IPv4 address inside a NAT64 or 6to4 address, which decides where the packets really go. */
function embeddedIpv4(ip: ipaddr.IPv6): ipaddr.IPv4 | null {
  const bytes = ip.toByteArray();
  const range = ip.range();
  if (range === 'rfc6052') return new ipaddr.IPv4(bytes.slice(12, 16));
  if (range === '6to4') return new ipaddr.IPv4(bytes.slice(2, 6));
  return null;
}

/** The range of an address after unwrapping what can be unwrapped: `unicast` is public. */
function rangeOf(ip: ipaddr.IPv4 | ipaddr.IPv6): string {
  if (ip.kind() === 'ipv6') {
    const inner = embeddedIpv4(ip as ipaddr.IPv6);
    if (inner) return inner.range();
  }
  return ip.range();
}

/** Whether a connection to `address` is allowed; `allowLocal` is the "Allow local network addresses" setting. */
export function judgeAddress(address: string, allowLocal: boolean): AddressVerdict {
  const ip = parse(address);
  if (!ip) return { allowed: false, address, range: 'invalid' };
  const normal = ip.toString();
  const range = rangeOf(ip);
  if (range === 'unicast' || allowLocal) return { allowed: true, address: normal };
  return { allowed: false, address: normal, range };
}

/** Whether `address` is this computer: loopback, unspecified, or one of its own interface addresses. */
export function isThisComputer(address: string): boolean {
  const ip = parse(address);
  if (!ip) return false;
  const range = rangeOf(ip);
  if (range === 'loopback' || range === 'unspecified') return true;
  const normal = ip.toString();
  return Object.values(networkInterfaces()).some((list) => list?.some((i) => parse(i.address)?.toString() === normal));
}

/** `hostname` as an IP address if it is one (URL hosts keep IPv6 in brackets), else null. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(bare) && (ipaddr.IPv4.isValidFourPartDecimal(bare) || bare.includes(':')) ? bare : null;
}
