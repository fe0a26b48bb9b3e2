import { domainToASCII } from 'node:url';

/** The shape sending_domains.domain accepts (the same pattern as the table's CHECK). */
const asciiDomain = /^[a-z0-9._-]+\.[a-z0-9-]+$/;
const trailingDot = /\.$/;
const printableAscii = /^[\x21-\x7e]+$/;

/**
 * A domain name as smtp-desk stores and looks it up: lower-case ASCII, IDNA for internationalised
 * names (`Bücher.de.` → `xn--bcher-kva.de`); null when it is not a domain name. Import, webhooks,
 * `/smtp domain` and `smtp-desk domain` all read names through this one function.
 */
export function normaliseDomain(input: string): string | null {
  const trimmed = input.trim().toLowerCase().replace(trailingDot, '');
  const ascii = printableAscii.test(trimmed) ? trimmed : domainToASCII(trimmed);
  return asciiDomain.test(ascii) ? ascii : null;
}
