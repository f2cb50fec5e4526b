// Writes memory.jsonl with the MCP reference memory server (see README.md); not part of the build.
// Drives the reference MCP memory server over stdio to write a real memory.jsonl.
import { spawn } from 'node:child_process';
const file = process.argv[2];
const child = spawn('node', ['node_modules/@modelcontextprotocol/server-memory/dist/index.js'],
  { env: { ...process.env, MEMORY_FILE_PATH: file }, stdio: ['pipe', 'pipe', 'inherit'] });
let buf = ''; const waiting = new Map();
child.stdout.on('data', d => { buf += d; let i; while ((i = buf.indexOf('\n')) >= 0) { const line = buf.slice(0, i); buf = buf.slice(i + 1);
  if (!line.trim()) continue; const msg = JSON.parse(line); if (waiting.has(msg.id)) { waiting.get(msg.id)(msg); waiting.delete(msg.id); } } });
let id = 0;
const call = (method, params) => new Promise(res => { const n = ++id; waiting.set(n, res); child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: n, method, params }) + '\n'); });
const tool = async (name, args) => { const r = await call('tools/call', { name, arguments: args }); if (r.error || r.result.isError) throw new Error(JSON.stringify(r)); return r; };
await call('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'fixture', version: '1' } });
child.stdin.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n');
await tool('create_entities', { entities: [
  { name: 'John_Smith', entityType: 'person', observations: ['Speaks fluent Spanish', 'Graduated in 2019', 'Prefers morning meetings'] },
  { name: 'Acme Corp', entityType: 'organization', observations: ['Deployed v1.2 of the billing service on Friday'] },
  { name: 'Café Müller', entityType: 'place', observations: [] } ] });
await tool('create_relations', { relations: [
  { from: 'John_Smith', to: 'Acme Corp', relationType: 'works_at' },
  { from: 'John_Smith', to: 'Café Müller', relationType: 'meets clients at' } ] });
await tool('add_observations', { observations: [{ entityName: 'Acme Corp', contents: ['Headquarters in "Berlin", since 2010'] }] });
child.kill();
