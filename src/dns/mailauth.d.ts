// The parts of mailauth (CommonJS, no types for these files) that the DNS checks use.
declare module 'mailauth/lib/dmarc/get-dmarc-record.js' {
  /** The DMARC record that applies to `domain` (its own, else its organisational domain's), its tags parsed; false when there is none. */
  export default function getDmarcRecord(
    domain: string,
    resolver: (name: string, rrtype: 'TXT') => Promise<string[][]>,
  ): Promise<false | ({ rr: string; isOrgRecord: boolean } & Record<string, string | number | boolean>)>;
}

declare module 'mailauth/lib/tools.js' {
  const tools: {
    /** Fetches and checks a DKIM public key; throws with `code` EINVALIDVAL, EINVALIDVER, EINVALIDTYPE, ESHORTKEY or the resolver's. */
    getPublicKey(
      type: 'DKIM',
      name: string,
      minBitLength: number,
      resolver: (name: string, rrtype: 'TXT') => Promise<string[][]>,
    ): Promise<{ publicKey: string; rr: string; modulusLength: number | undefined }>;
  };
  export default tools;
}
