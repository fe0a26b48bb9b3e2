// A small authoritative DNS server on 127.0.0.1 (UDP and TCP on one port) that serves a declarative
// zone, so DNS checks are tested against real DNS packets without touching public DNS.
import dgram from 'node:dgram';
import net from 'node:net';
import { once } from 'node:events';
import dnsPacket, { type Answer, type Packet, type RecordType } from 'dns-packet';

/** What one name holds. A name missing from the zone is NXDOMAIN; a type missing from a name is NODATA. */
export interface ZoneEntry {
  A?: string[];
  AAAA?: string[];
  /** Each string is one TXT record; longer than 255 characters, it is split into several strings as zone files do. */
  TXT?: string[];
  MX?: { exchange: string; priority: number }[];
  PTR?: string[];
  CNAME?: string;
  /** Answer every query for this name with this response code instead. */
  rcode?: 'SERVFAIL' | 'REFUSED';
  /** Never answer queries for this name. */
  silent?: true;
}

export type Zone = Record<string, ZoneEntry>;

export interface FakeDnsOptions {
  /** Delay before each answer. */
  latencyMs?: number;
  /** Never answer anything (a server that swallows queries). */
  silent?: boolean;
}

export interface FakeDns {
  /** `127.0.0.1:port`, the form DNS_SERVERS takes. */
  server: string;
  port: number;
  /** Queries received so far. */
  queries: () => number;
  close: () => Promise<void>;
}

/**
 * DNS_SERVERS for tests that do not serve a zone: a local port nothing listens on, so every query is
 * refused at once ("could not check") and no test ever asks the system's resolvers.
 */
export const refusingDns = { DNS_SERVERS: '127.0.0.1:9' } as const;

const normalise = (name: string) => name.toLowerCase().replace(/\.$/, '');
const udpLimitWithoutEdns = 512;

function txtStrings(text: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += 255) parts.push(text.slice(i, i + 255));
  return parts.length === 0 ? [''] : parts;
}

function recordsOf(name: string, type: RecordType, entry: ZoneEntry): Answer[] {
  const base = { name, ttl: 60, class: 'IN' as const };
  switch (type) {
    case 'A':
      return (entry.A ?? []).map((data) => ({ ...base, type: 'A', data }));
    case 'AAAA':
      return (entry.AAAA ?? []).map((data) => ({ ...base, type: 'AAAA', data }));
    case 'TXT':
      return (entry.TXT ?? []).map((text) => ({ ...base, type: 'TXT', data: txtStrings(text) }));
    case 'MX':
      return (entry.MX ?? []).map(({ exchange, priority }) => ({ ...base, type: 'MX', data: { exchange, preference: priority } }));
    case 'PTR':
      return (entry.PTR ?? []).map((data) => ({ ...base, type: 'PTR', data }));
    default:
      return [];
  }
}

type Reply = { kind: 'answer'; packet: Packet } | { kind: 'silent' };

/** dns-packet encodes the response code only from the low 4 bits of `flags`. */
const rcodes = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;
const withRcode = (packet: Packet, rcode: keyof typeof rcodes): Reply => ({ kind: 'answer', packet: { ...packet, flags: (packet.flags ?? 0) | rcodes[rcode] } });

function answer(zone: Zone, query: Packet): Reply {
  const question = query.questions?.[0];
  const reply: Packet = { id: query.id, type: 'response', flags: dnsPacket.AUTHORITATIVE_ANSWER | ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED), questions: query.questions ?? [], answers: [] };
  if (!question) return withRcode(reply, 'FORMERR');
  let name = normalise(question.name);
  const answers: Answer[] = [];
  for (let hops = 0; hops < 8; hops++) {
    const entry = zone[name];
    if (!entry) return withRcode({ ...reply, answers }, answers.length > 0 ? 'NOERROR' : 'NXDOMAIN');
    if (entry.silent) return { kind: 'silent' };
    if (entry.rcode) return withRcode(reply, entry.rcode);
    if (entry.CNAME && question.type !== 'CNAME') {
      answers.push({ name, type: 'CNAME', ttl: 60, class: 'IN', data: entry.CNAME });
      name = normalise(entry.CNAME);
      continue;
    }
    answers.push(...recordsOf(name, question.type, entry));
    break;
  }
  return { kind: 'answer', packet: { ...reply, answers } };
}

/** The UDP size the query's EDNS OPT record allows, or 512 without one. */
function udpLimit(query: Packet): number {
  const opt = query.additionals?.find((record) => record.type === 'OPT') as { udpPayloadSize?: number } | undefined;
  return Math.max(udpLimitWithoutEdns, opt?.udpPayloadSize ?? udpLimitWithoutEdns);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the server on an ephemeral port of 127.0.0.1. */
export async function startFakeDns(zone: Zone, options: FakeDnsOptions = {}): Promise<FakeDns> {
  const latency = options.latencyMs ?? 0;
  let queries = 0;
  let closed = false;
  const respond = async (raw: Buffer): Promise<Packet | null> => {
    queries++;
    if (options.silent) return null;
    let query: Packet;
    try {
      query = dnsPacket.decode(raw);
    } catch {
      return null;
    }
    const reply = answer(zone, query);
    if (reply.kind === 'silent') return null;
    if (latency > 0) await sleep(latency);
    return reply.packet;
  };

  const udp = dgram.createSocket('udp4');
  udp.on('message', (raw, peer) => {
    void respond(raw).then((packet) => {
      if (!packet || closed) return;
      let bytes = dnsPacket.encode(packet);
      if (bytes.length > udpLimit(dnsPacket.decode(raw))) {
        bytes = dnsPacket.encode({ ...packet, answers: [], flags: (packet.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE });
      }
      udp.send(bytes, peer.port, peer.address);
    });
  });
  udp.bind(0, '127.0.0.1');
  await once(udp, 'listening');
  // Room for bursts of thousands of queries (the kernel caps it at net.core.rmem_max), as real servers configure.
  udp.setRecvBufferSize(4 * 1024 * 1024);
  const port = udp.address().port;

  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const length = buffered.readUInt16BE(0);
        const raw = buffered.subarray(2, 2 + length);
        buffered = buffered.subarray(2 + length);
        void respond(raw).then((packet) => {
          if (packet && !socket.destroyed) socket.write(dnsPacket.streamEncode(packet));
        });
      }
    });
  });
  tcp.listen(port, '127.0.0.1');
  await once(tcp, 'listening');

  return {
    server: `127.0.0.1:${port}`,
    port,
    queries: () => queries,
    close: async () => {
      closed = true;
      for (const socket of sockets) socket.destroy();
      await Promise.all([new Promise<void>((resolve) => udp.close(() => resolve())), new Promise<void>((resolve) => tcp.close(() => resolve()))]);
    },
  };
}
