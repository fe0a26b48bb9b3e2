import net, { type AddressInfo, type Socket } from 'node:net';
import { pipeline } from 'node:stream';
import {
  authCodes,
  authentication,
  ClientGone,
  cstring,
  fatalError,
  FrontendReader,
  ProtocolViolation,
  startupCodes,
  startupParameters,
} from './postgres-wire.js';
import { scramExchange, scramMechanism, ScramProtocolError, scramVerifier, type ScramVerifier } from './scram.js';

export interface PasswordGate {
  /** host:port the gate listens on. */
  address: string;
  stop(): Promise<void>;
}

/** Postgres waits a minute (authentication_timeout); a local client answers in milliseconds. */
const authenticationTimeoutMs = 10_000;

/**
 * Listens on 127.0.0.1 and lets a client through to the Postgres server on the Unix socket
 * `backendPath` once it has proved `password` with SCRAM-SHA-256, as a Postgres server asks for it.
 * The client's start-up message is then passed on, and bytes flow both ways untouched.
 */
export async function startPasswordGate(password: string, backendPath: string): Promise<PasswordGate> {
  const verifier = scramVerifier(password);
  const clients = new Set<Socket>();
  const server = net.createServer((client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    // A reset connection just ends: 'close' follows.
    client.on('error', () => undefined);
    client.setNoDelay(true);
    client.setTimeout(authenticationTimeoutMs, () => client.destroy());
    void admit(client, verifier, backendPath);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const client of clients) client.destroy();
      await closed;
    },
  };
}

async function admit(client: Socket, verifier: ScramVerifier, backendPath: string): Promise<void> {
  const reader = new FrontendReader(client);
  try {
    const startup = await startupPacket(client, reader);
    if (!startup) return;
    if (!(await authenticated(client, reader, verifier))) {
      const user = startupParameters(startup).get('user') ?? '';
      client.end(fatalError('28P01', `password authentication failed for user "${user}"`));
      return;
    }
    client.setTimeout(0);
    forward(client, Buffer.concat([startup, reader.release()]), backendPath);
  } catch (error) {
    if (error instanceof ClientGone) client.destroy();
    else if (error instanceof ProtocolViolation || error instanceof ScramProtocolError) client.end(fatalError('08P01', error.message));
    else client.end(fatalError('XX000', `the embedded database could not take the connection: ${(error as Error).message}`));
  }
}

/** The client's StartupMessage, after saying no to TLS and GSSAPI encryption; undefined for a CancelRequest. */
async function startupPacket(client: Socket, reader: FrontendReader): Promise<Buffer | undefined> {
  for (;;) {
    const packet = await reader.packet();
    const code = packet.readInt32BE(4);
    if (code === startupCodes.protocol3) return packet;
    if (code === startupCodes.sslRequest || code === startupCodes.gssEncRequest) {
      client.write('N');
    } else if (code === startupCodes.cancelRequest) {
      // PGlite cannot cancel a running statement, and the protocol answers a CancelRequest with nothing.
      client.end();
      return undefined;
    } else {
      throw new ProtocolViolation(`unsupported frontend protocol ${code >>> 16}.${code & 0xffff}: the embedded database speaks 3.0`);
    }
  }
}

/** Runs the SCRAM-SHA-256 exchange; false when the client's proof does not match the password. */
async function authenticated(client: Socket, reader: FrontendReader, verifier: ScramVerifier): Promise<boolean> {
  client.write(authentication(authCodes.sasl, Buffer.concat([cstring(scramMechanism), Buffer.alloc(1)])));
  const initial = await saslResponse(reader);
  const mechanismEnd = initial.indexOf(0);
  if (mechanismEnd < 0 || initial.toString('utf8', 0, mechanismEnd) !== scramMechanism) {
    throw new ProtocolViolation('client selected an invalid SASL authentication mechanism');
  }
  if (initial.length < mechanismEnd + 5) throw new ProtocolViolation('malformed SASL message');
  const exchange = scramExchange(verifier);
  const serverFirst = exchange.serverFirst(initial.toString('utf8', mechanismEnd + 5));
  client.write(authentication(authCodes.saslContinue, Buffer.from(serverFirst)));
  const serverFinal = exchange.serverFinal((await saslResponse(reader)).toString('utf8'));
  if (serverFinal === null) return false;
  client.write(authentication(authCodes.saslFinal, Buffer.from(serverFinal)));
  return true;
}

async function saslResponse(reader: FrontendReader): Promise<Buffer> {
  const { type, body } = await reader.message();
  if (type !== 'p') throw new ProtocolViolation(`expected SASL response, got message type ${type}`);
  return body;
}

/** Connects the admitted client to the backend, which gets the start-up message (and anything after it) first. */
function forward(client: Socket, firstBytes: Buffer, backendPath: string): void {
  const backend = net.connect(backendPath);
  backend.write(firstBytes);
  // Either side failing destroys both; a clean end on one side ends the other.
  pipeline(client, backend, () => undefined);
  pipeline(backend, client, () => undefined);
}
