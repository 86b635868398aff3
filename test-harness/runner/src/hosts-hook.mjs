// Preloaded (node --import) into a step by runAction's `hosts` option: an /etc/hosts for the
// step's process. HARNESS_HOSTS holds a JSON map of names (or `*.suffix`) to addresses; every
// lookup of such a name (http, https, net, fetch) answers that address, others go to DNS.
import dns from 'node:dns';

const table = Object.entries(JSON.parse(process.env.HARNESS_HOSTS ?? '{}'));

/** The address the table gives `hostname`, or undefined. */
function lookupTable(hostname) {
  for (const [name, address] of table) {
    if (name.startsWith('*.') ? hostname.endsWith(name.slice(1)) : hostname === name)
      return address;
  }
  return undefined;
}

const original = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const opts = typeof options === 'object' && options !== null ? options : {};
  const address = lookupTable(hostname);
  if (address === undefined) return original.call(this, hostname, options, callback);
  const family = address.includes(':') ? 6 : 4;
  if (opts.all) process.nextTick(done, null, [{ address, family }]);
  else process.nextTick(done, null, address, family);
  return undefined;
};
