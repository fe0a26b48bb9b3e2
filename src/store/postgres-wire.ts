import type { Socket } from 'node:net';

/**
 * The few pieces of the Postgres wire protocol a server needs before a session starts
 * (https://www.postgresql.org/docs/current/protocol-message-formats.html).
 */
export const startupCodes = {
  protocol3: 196_608,
  sslRequest: 80_877_103,
  gssEncRequest: 80_877_104,
  cancelRequest: 80_877_102,
} as const;

/** Authentication request codes of the backend's 'R' message. */
export const authCodes = { sasl: 10, saslContinue: 11, saslFinal: 12 } as const;

/** Postgres refuses a longer start-up packet (MAX_STARTUP_PACKET_LENGTH); a SASL message is far shorter. */
const maxPacketLength = 10_000;
/** More than a start-up needs: a client that sends this much before it is let in is cut off. */
const maxBufferedBeforeRelease = 4 * maxPacketLength;

export function authentication(code: number, data: Buffer = Buffer.alloc(0)): Buffer {
  return backendMessage('R', Buffer.concat([int32(code), data]));
}

/** A FATAL ErrorResponse: the client shows "FATAL:  <message>" and the connection ends. */
export function fatalError(sqlState: string, message: string): Buffer {
  const fields = ['SFATAL', 'VFATAL', `C${sqlState}`, `M${message}`].map((field) => cstring(field));
  return backendMessage('E', Buffer.concat([...fields, Buffer.alloc(1)]));
}

export const cstring = (text: string): Buffer => Buffer.from(`${text}\0`, 'utf8');

/** The start-up packet's parameters (user, database, options…), NUL-separated pairs after the code. */
export function startupParameters(packet: Buffer): Map<string, string> {
  const words = packet.subarray(8).toString('utf8').split('\0');
  const parameters = new Map<string, string>();
  for (let index = 0; index + 1 < words.length && words[index] !== ''; index += 2) parameters.set(words[index]!, words[index + 1]!);
  return parameters;
}

export class ClientGone extends Error {}
export class ProtocolViolation extends Error {}

/** Reads whole frontend messages from a socket until `release` hands the socket over. */
export class FrontendReader {
  private buffered = Buffer.alloc(0);
  private wake: (() => void) | undefined;
  private gone = false;
  private readonly onData = (chunk: Buffer) => {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    if (this.buffered.length > maxBufferedBeforeRelease) this.socket.destroy();
    this.wake?.();
  };
  private readonly onClose = () => {
    this.gone = true;
    this.wake?.();
  };

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.on('close', this.onClose);
  }

  /** A start-up phase packet (no type byte), its length prefix included. */
  async packet(): Promise<Buffer> {
    const length = (await this.peek(4)).readInt32BE(0);
    if (length < 8 || length > maxPacketLength) throw new ProtocolViolation(`invalid length of startup packet (${length})`);
    return this.take(length);
  }

  /** A typed message: its type letter and its body. */
  async message(): Promise<{ type: string; body: Buffer }> {
    const header = await this.peek(5);
    const length = header.readInt32BE(1);
    if (length < 4 || length > maxPacketLength) throw new ProtocolViolation(`invalid message length (${length})`);
    const message = await this.take(1 + length);
    return { type: String.fromCharCode(message[0]!), body: message.subarray(5) };
  }

  /** Stops reading and returns what the client sent beyond the messages read so far. */
  release(): Buffer {
    this.socket.off('data', this.onData);
    this.socket.off('close', this.onClose);
    return this.buffered;
  }

  private async peek(size: number): Promise<Buffer> {
    while (this.buffered.length < size) {
      if (this.gone) throw new ClientGone();
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return this.buffered.subarray(0, size);
  }

  private async take(size: number): Promise<Buffer> {
    const taken = await this.peek(size);
    this.buffered = this.buffered.subarray(size);
    return taken;
  }
}

function backendMessage(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
}
