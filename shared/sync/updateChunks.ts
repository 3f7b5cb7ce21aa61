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
 * The pieces carry no deletions; the deletions of the whole update follow as
 * a last piece of their own (`Y.diffUpdate` against the update's own state
 * vector, which keeps the delete set and no items), when there are any.
 *
 * Only public Yjs API: `decodeUpdate` gives the update's structs, and each
 * struct writes itself into an `UpdateEncoderV1` (as Yjs's own update merging
 * does). The frame around them is the v1 update layout: the number of
 * clients, then per client the number of structs, the client, the first
 * struct's clock and the structs; then the delete set, here empty.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/** About this many bytes of encoded structs per piece. */
export const UPDATE_CHUNK_BYTES = 256 * 1024;

type Struct = Y.Item | Y.GC | Y.Skip;

interface Run {
  client: number;
  clock: number;
  count: number;
  body: Y.UpdateEncoderV1;
}

function referencesOf(struct: Struct): Y.ID[] {
  if (!(struct instanceof Y.Item)) return [];
  const ids: Y.ID[] = [];
  if (struct.origin) ids.push(struct.origin);
  if (struct.rightOrigin) ids.push(struct.rightOrigin);
  if (struct.parent instanceof Y.ID) ids.push(struct.parent);
  return ids;
}

function writePiece(runs: Iterable<Run>): Uint8Array {
  const list = [...runs];
  const out = encoding.createEncoder();
  encoding.writeVarUint(out, list.length);
  for (const run of list) {
    encoding.writeVarUint(out, run.count);
    encoding.writeVarUint(out, run.client);
    encoding.writeVarUint(out, run.clock);
    encoding.writeUint8Array(out, run.body.toUint8Array());
  }
  // An empty delete set.
  encoding.writeVarUint(out, 0);
  return encoding.toUint8Array(out);
}

/**
 * Cut a v1 update into pieces of about `budget` bytes that, applied in order,
 * give the same document as the update, each integrating completely. An
 * update that is already small comes back as it is.
 */
export function splitUpdate(update: Uint8Array, budget = UPDATE_CHUNK_BYTES): Uint8Array[] {
  if (update.byteLength <= budget) return [update];
  const { structs, ds } = Y.decodeUpdate(update);
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs as Struct[]) {
    let list = byClient.get(struct.id.client);
    if (!list) byClient.set(struct.id.client, (list = []));
    list.push(struct);
  }
  // Per client: the next struct to take, and the clock up to which everything is taken (or was there before).
  const next = new Map<number, number>();
  const done = new Map<number, number>();
  for (const [client, list] of byClient) {
    next.set(client, 0);
    done.set(client, list[0]!.id.clock);
  }
  const met = (id: Y.ID) => {
    const upTo = done.get(id.client);
    return upTo === undefined || id.clock < upTo;
  };

  const pieces: Uint8Array[] = [];
  let runs = new Map<number, Run>();
  let size = 0;
  const close = () => {
    if (runs.size === 0) return;
    pieces.push(writePiece(runs.values()));
    runs = new Map();
    size = 0;
  };
  let left = structs.length;
  while (left > 0) {
    let progress = false;
    for (const [client, list] of byClient) {
      let i = next.get(client)!;
      while (i < list.length) {
        const struct = list[i]!;
        // A reference to its own client is always to a lower clock, so it is met by the time the struct comes up.
        if (!referencesOf(struct).every((id) => id.client === client || met(id))) break;
        let run = runs.get(client);
        if (!run) runs.set(client, (run = { client, clock: struct.id.clock, count: 0, body: new Y.UpdateEncoderV1() }));
        const before = encoding.length(run.body.restEncoder);
        struct.write(run.body, 0);
        size += encoding.length(run.body.restEncoder) - before;
        run.count++;
        i++;
        left--;
        done.set(client, struct.id.clock + struct.length);
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
  if (ds.clients.size > 0) pieces.push(Y.diffUpdate(update, Y.encodeStateVectorFromUpdate(update)));
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
