import { isIPv4, isIPv6 } from 'node:net';

/**
 * Whether a host (an address to listen on, a URL's host name or a Host header's name) is this
 * machine's loopback interface: 127.0.0.0/8, ::1 (also as an IPv4-mapped address) or `localhost`.
 * Names are not resolved: any other name counts as not loopback.
 * Rule: local mode (no MicrosoftAppId) serves and answers this machine only - README "Reliability".
 * @example
 * isLoopbackHost('127.0.0.1') //=> true
 * isLoopbackHost('[::1]') //=> true
 * isLoopbackHost('0.0.0.0') //=> false
 * isLoopbackHost('localhost.attacker.example') //=> false
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost') return true;
  if (isIPv4(name)) return name.startsWith('127.');
  if (isIPv6(name)) {
    if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
    // IPv4-mapped, as typed (::ffff:127.0.0.1) or as URLs write it (::ffff:7f00:1).
    const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(name);
    if (dotted) return dotted[1]!.startsWith('127.');
    const hex = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(name);
    return hex !== null && hex[1]!.padStart(4, '0').startsWith('7f');
  }
  return false;
}

/**
 * Whether a URL points at this machine's loopback interface (see `isLoopbackHost`). The URL is
 * read as the WHATWG parser reads it, so `http://2130706433/` is 127.0.0.1 and
 * `http://127.0.0.1@attacker.example/` is attacker.example.
 * @example
 * isLoopbackUrl('http://localhost:56150/_connector') //=> true
 * isLoopbackUrl('https://smba.trafficmanager.net/uk/') //=> false
 */
export function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && isLoopbackHost(parsed.hostname);
}

/**
 * Whether an HTTP Host header names this machine's loopback interface (with or without a port).
 * A web page that rebinds its own name to 127.0.0.1 still sends its name here, so local mode
 * refuses it.
 * @example
 * isLoopbackHostHeader('localhost:3978') //=> true
 * isLoopbackHostHeader('attacker.example:3978') //=> false
 */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  return isLoopbackUrl(`http://${host}/`);
}
