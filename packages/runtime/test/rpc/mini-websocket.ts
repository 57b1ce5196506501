/**
 * A minimal WebSocket server for the transport tests (RFC 6455: the handshake, binary and
 * text frames, masking, fragments, ping and close), presenting each accepted connection with
 * the WHATWG WebSocket interface the RPC transport expects. Test code only: it trusts its
 * clients.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

type Listener = (event: { data: unknown }) => void;

/** One accepted connection, seen through the WHATWG WebSocket interface. */
export class ServerWebSocket {
  binaryType = 'blob';
  readyState = 1;
  readonly #socket: Socket;
  readonly #listeners = new Map<string, Listener[]>();
  #buffer = Buffer.alloc(0);
  #fragments: Buffer[] = [];
  #fragmentOpcode = 0;

  constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    socket.on('close', () => {
      this.readyState = 3;
      this.#emit('close', { data: undefined });
    });
    socket.on('error', () => this.#emit('error', { data: undefined }));
  }

  addEventListener(type: string, listener: Listener): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }

  #emit(type: string, event: { data: unknown }): void {
    for (const l of this.#listeners.get(type) ?? []) l(event);
  }

  send(data: Uint8Array | string): void {
    const payload = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
    this.#frame(typeof data === 'string' ? 1 : 2, payload);
  }

  close(code = 1000): void {
    if (this.readyState !== 1) return;
    this.readyState = 2;
    const body = Buffer.alloc(2);
    body.writeUInt16BE(code);
    this.#frame(8, body);
    this.#socket.end();
  }

  #frame(opcode: number, payload: Buffer): void {
    let header: Buffer;
    if (payload.length < 126) header = Buffer.from([0x80 | opcode, payload.length]);
    else if (payload.length < 65536) {
      header = Buffer.alloc(4);
      header[0] = 0x80 | opcode;
      header[1] = 126;
      header.writeUInt16BE(payload.length, 2);
    } else {
      header = Buffer.alloc(10);
      header[0] = 0x80 | opcode;
      header[1] = 127;
      header.writeBigUInt64BE(BigInt(payload.length), 2);
    }
    this.#socket.write(Buffer.concat([header, payload]));
  }

  #receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const b = this.#buffer;
      if (b.length < 2) return;
      const fin = (b[0] as number) & 0x80;
      const opcode = (b[0] as number) & 0x0f;
      const masked = (b[1] as number) & 0x80;
      let length = (b[1] as number) & 0x7f;
      let at = 2;
      if (length === 126) {
        if (b.length < 4) return;
        length = b.readUInt16BE(2);
        at = 4;
      } else if (length === 127) {
        if (b.length < 10) return;
        length = Number(b.readBigUInt64BE(2));
        at = 10;
      }
      const maskAt = at;
      if (masked) at += 4;
      if (b.length < at + length) return;
      const payload = Buffer.from(b.subarray(at, at + length));
      if (masked) for (let i = 0; i < length; i++) payload[i] ^= b[maskAt + (i % 4)] as number;
      this.#buffer = b.subarray(at + length);
      this.#handle(fin !== 0, opcode, payload);
    }
  }

  #handle(fin: boolean, opcode: number, payload: Buffer): void {
    if (opcode === 8) {
      this.close();
      return;
    }
    if (opcode === 9) {
      this.#frame(10, payload);
      return;
    }
    if (opcode === 10) return;
    if (opcode !== 0) this.#fragmentOpcode = opcode;
    this.#fragments.push(payload);
    if (!fin) return;
    const whole = Buffer.concat(this.#fragments);
    this.#fragments = [];
    const data =
      this.#fragmentOpcode === 1
        ? whole.toString('utf8')
        : whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.byteLength);
    this.#emit('message', { data });
  }
}

/** Listens on a free local port; every accepted WebSocket goes to `accept`. */
export function startWebSocketServer(
  accept: (socket: ServerWebSocket) => void,
): Promise<{ port: number; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(426).end();
  });
  server.on('upgrade', (req, socket: Socket) => {
    const key = req.headers['sec-websocket-key'];
    const accepted = createHash('sha1').update(`${key}${GUID}`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accepted}\r\n\r\n`,
    );
    socket.setNoDelay(true);
    accept(new ServerWebSocket(socket));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ port: typeof address === 'object' && address !== null ? address.port : 0, server });
    });
  });
}
