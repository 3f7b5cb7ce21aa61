/**
 * A big Yjs update cut into smaller ones that apply one after another.
 *
 * Joining a case, the app applies the server's copy of the case document
 * before anything else. For a case of 10,000 passages that copy is one update
 * of about 5 MB, and `Y.applyUpdate` integrates it in one go: a main-thread
 * task of a third of a second on a fast machine, during which the window does
 * not respond. Cut into pieces of a few hundred kilobytes, with the event loop
 * running between them, no single task is long.
 *
 * Each piece must integrate completely when it arrives. Yjs would accept
 * pieces in any order (an item whose left or right neighbour, or parent, has
 * not arrived waits among the document's pending structs), but then the
 * waiting items are all integrated at once when the last piece arrives, which
 * is the long task again. So items are taken in an order where everything an
 * item refers to is already in an earlier piece, or in the same one: per
 * client in clock order (an item can only refer to items that existed when it
 * was made, so to lower clocks of its own client), and across clients only
 * once the referenced item has been taken. A document's state is causally
 * complete, so this always finishes; for an update that refers to items it
 * does not contain, the receiver must already hold them (or it could not
 * apply the update either), and those references count as met.
 *
 * The pieces carry no deletions; the update's delete set follows as a last
 * piece of its own, with no structs, when it is not empty.
 *
 * The update is not decoded into Yjs structs and written out again (that
 * costs three times what applying it does): it is scanned in its v1 layout,
 * which has no references between the bytes of one struct and the next, so
 * each struct's bytes are copied as they are. The layout: the number of
 * clients; per client the number of structs, the client, the first struct's
 * clock, then the structs (an info byte; the left and right origins as
 * client/clock pairs when the info says so, else the parent, a root type's
 * name or an item's ID, and the key in a map; then the content); then the
 * delete set. Anything the scanner does not expect sends the update whole.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

/** About this many bytes of structs per piece. */
export const UPDATE_CHUNK_BYTES = 256 * 1024;

/** One struct, as the scanner found it: where its bytes are, its clock range and the items it refers to. */
interface Scanned {
  start: number;
  end: number;
  clock: number;
  length: number;
  /** client, clock pairs */
  refs: number[];
}

class Unexpected extends Error {}

function skipString(d: decoding.Decoder): number {
  const length = decoding.readVarUint(d);
  const start = d.pos;
  d.pos += length;
  if (d.pos > d.arr.length) throw new Unexpected();
  return start;
}

/** The UTF-16 length of a string from its UTF-8 bytes: one unit per character, two for one outside the BMP. */
function utf16Length(bytes: Uint8Array, start: number, end: number): number {
  let units = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
  }
  return units;
}

function skipAny(d: decoding.Decoder): void {
  const type = decoding.readUint8(d);
  switch (type) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return;
    case 125:
      decoding.readVarInt(d);
      return;
    case 124:
      d.pos += 4;
      return;
    case 123:
    case 122:
      d.pos += 8;
      return;
    case 119:
    case 116: // a string, or bytes
      skipString(d);
      return;
    case 118: {
      const n = decoding.readVarUint(d);
      for (let i = 0; i < n; i++) {
        skipString(d);
        skipAny(d);
      }
      return;
    }
    case 117: {
      const n = decoding.readVarUint(d);
      for (let i = 0; i < n; i++) skipAny(d);
      return;
    }
    default:
      throw new Unexpected();
  }
}

/** Skip one item's content; its length in clock ticks. */
function skipContent(d: decoding.Decoder, ref: number): number {
  switch (ref) {
    case 1: // deleted
      return decoding.readVarUint(d);
    case 2: {
      // JSON: strings
      const n = decoding.readVarUint(d);
      for (let i = 0; i < n; i++) skipString(d);
      return n;
    }
    case 3: // binary
    case 5: // embed (JSON)
      skipString(d);
      return 1;
    case 4: {
      const start = skipString(d);
      return utf16Length(d.arr, start, d.pos);
    }
    case 6: // format: key, value
      skipString(d);
      skipString(d);
      return 1;
    case 7: {
      // a type; XML elements and hooks carry a name
      const typeRef = decoding.readVarUint(d);
      if (typeRef === 3 || typeRef === 5) skipString(d);
      return 1;
    }
    case 8: {
      const n = decoding.readVarUint(d);
      for (let i = 0; i < n; i++) skipAny(d);
      return n;
    }
    case 9: // a subdocument: guid, options
      skipString(d);
      skipAny(d);
      return 1;
    default:
      throw new Unexpected();
  }
}

/** The clients' structs in the update, and where its delete set starts. */
function scan(update: Uint8Array): { clients: Map<number, Scanned[]>; deleteSetAt: number } {
  const d = decoding.createDecoder(update);
  const clients = new Map<number, Scanned[]>();
  const count = decoding.readVarUint(d);
  for (let c = 0; c < count; c++) {
    const structs = decoding.readVarUint(d);
    const client = decoding.readVarUint(d);
    let clock = decoding.readVarUint(d);
    if (clients.has(client)) throw new Unexpected();
    const list: Scanned[] = [];
    clients.set(client, list);
    for (let i = 0; i < structs; i++) {
      const start = d.pos;
      const info = decoding.readUint8(d);
      const refs: number[] = [];
      let length: number;
      const ref = info & 0b11111;
      if (ref === 0 || ref === 10) length = decoding.readVarUint(d); // GC, Skip
      else {
        if (info & 0b10000000) refs.push(decoding.readVarUint(d), decoding.readVarUint(d));
        if (info & 0b01000000) refs.push(decoding.readVarUint(d), decoding.readVarUint(d));
        if ((info & 0b11000000) === 0) {
          if (decoding.readVarUint(d) === 1) skipString(d);
          else refs.push(decoding.readVarUint(d), decoding.readVarUint(d));
          if (info & 0b00100000) skipString(d);
        }
        length = skipContent(d, ref);
      }
      if (d.pos > update.byteLength) throw new Unexpected();
      list.push({ start, end: d.pos, clock, length, refs });
      clock += length;
    }
  }
  return { clients, deleteSetAt: d.pos };
}

function writePiece(runs: Iterable<{ client: number; first: Scanned; structs: number; bytes: Uint8Array[] }>, deleteSet: Uint8Array): Uint8Array {
  const list = [...runs];
  const out = encoding.createEncoder();
  encoding.writeVarUint(out, list.length);
  for (const run of list) {
    encoding.writeVarUint(out, run.structs);
    encoding.writeVarUint(out, run.client);
    encoding.writeVarUint(out, run.first.clock);
    for (const bytes of run.bytes) encoding.writeUint8Array(out, bytes);
  }
  encoding.writeUint8Array(out, deleteSet);
  return encoding.toUint8Array(out);
}

/**
 * Cut a v1 update into pieces of about `budget` bytes that, applied in order,
 * give the same document as the update, each integrating completely. An
 * update that is already small comes back as it is, and so does one the
 * scanner cannot read or order.
 */
export function splitUpdate(update: Uint8Array, budget = UPDATE_CHUNK_BYTES): Uint8Array[] {
  if (update.byteLength <= budget) return [update];
  let scanned: ReturnType<typeof scan>;
  try {
    scanned = scan(update);
  } catch {
    // Not an update in the layout we know (or cut short): Yjs will say what is wrong with it.
    return [update];
  }
  const { clients, deleteSetAt } = scanned;
  const emptyDeleteSet = new Uint8Array([0]);
  // Per client: the next struct to take, and the clock up to which everything is taken (or was there before).
  const next = new Map<number, number>();
  const done = new Map<number, number>();
  let left = 0;
  for (const [client, list] of clients) {
    next.set(client, 0);
    done.set(client, list[0]?.clock ?? 0);
    left += list.length;
  }
  const met = (refs: number[], own: number) => {
    for (let i = 0; i < refs.length; i += 2) {
      const client = refs[i]!;
      // A reference to its own client is always to a lower clock, so it is met by the time the struct comes up.
      if (client === own) continue;
      const upTo = done.get(client);
      if (upTo !== undefined && refs[i + 1]! >= upTo) return false;
    }
    return true;
  };

  const pieces: Uint8Array[] = [];
  let runs = new Map<number, { client: number; first: Scanned; structs: number; bytes: Uint8Array[] }>();
  let size = 0;
  const close = () => {
    if (runs.size === 0) return;
    pieces.push(writePiece(runs.values(), emptyDeleteSet));
    runs = new Map();
    size = 0;
  };
  while (left > 0) {
    let progress = false;
    for (const [client, list] of clients) {
      let i = next.get(client)!;
      while (i < list.length) {
        const struct = list[i]!;
        if (!met(struct.refs, client)) break;
        let run = runs.get(client);
        if (!run) runs.set(client, (run = { client, first: struct, structs: 0, bytes: [] }));
        run.bytes.push(update.subarray(struct.start, struct.end));
        run.structs++;
        size += struct.end - struct.start;
        i++;
        left--;
        done.set(client, struct.clock + struct.length);
        progress = true;
        if (size >= budget) {
          next.set(client, i);
          close();
        }
      }
      next.set(client, i);
    }
    // Items that refer to items neither here nor (by their clocks) before this update: not a state
    // we can order. Yjs's pending structs handle it; send the update whole.
    if (!progress) return [update];
  }
  close();
  // The delete set, with no structs, when it is not empty.
  const deleteSet = update.subarray(deleteSetAt);
  if (deleteSet.byteLength > 1 || deleteSet[0] !== 0) pieces.push(writePiece([], deleteSet));
  return pieces;
}

/** The content type of a body of several updates (`frameUpdates`); a body of any other type is one update. */
export const UPDATE_PIECES_TYPE = 'application/vnd.casefile.yjs-updates';

/** The updates in an answer of the case-document route, whichever form the server sent. */
export function updatesOfBody(contentType: string | null, body: Uint8Array): Uint8Array[] {
  return contentType?.split(';')[0]?.trim().toLowerCase() === UPDATE_PIECES_TYPE ? unframeUpdates(body) : [body];
}

/** Several updates as one body: each as its byte length (unsigned varint) and its bytes. */
export function frameUpdates(updates: readonly Uint8Array[]): Uint8Array {
  const out = encoding.createEncoder();
  for (const update of updates) encoding.writeVarUint8Array(out, update);
  return encoding.toUint8Array(out);
}

/** The updates of a body made by `frameUpdates`; throws on a body cut short. */
export function unframeUpdates(body: Uint8Array): Uint8Array[] {
  const decoder = decoding.createDecoder(body);
  const updates: Uint8Array[] = [];
  while (decoding.hasContent(decoder)) {
    const length = decoding.readVarUint(decoder);
    if (length > body.byteLength - decoder.pos) throw new Error('The case document arrived cut short.');
    updates.push(decoding.readUint8Array(decoder, length));
  }
  return updates;
}
