#!/usr/bin/env node
// The peer of the sync benchmarks: stock Hocuspocus with the stock SQLite
// extension, set up the way Hocuspocus' documentation does it (no
// authentication, documents stored on its debounce). `node hocuspocusPeer.mjs PORT DATABASE_FILE`.
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const [port, database] = process.argv.slice(2);
const server = new Server({ port: Number(port), address: '127.0.0.1', quiet: true, extensions: [new SQLite({ database })] });
await server.listen();
console.log('peer listening');
