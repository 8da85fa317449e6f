// redact-pii over JSONL, as a user would run it to mask a training set: every string value of
// every record through SyncRedactor (name redaction off: Provenir does not detect names either),
// masked JSONL to stdout. usage: node redact-jsonl.js CORPUS > OUT
const fs = require('fs');
const readline = require('readline');
const { SyncRedactor } = require('redact-pii');

const redactor = new SyncRedactor({ builtInRedactors: { names: { enabled: false } } });

function walk(v) {
  if (typeof v === 'string') return redactor.redact(v);
  if (Array.isArray(v)) return v.map(walk);
  if (v && typeof v === 'object') {
    const o = {};
    for (const k of Object.keys(v)) o[k] = walk(v[k]);
    return o;
  }
  return v;
}

const out = fs.createWriteStream('/dev/stdout');
const rl = readline.createInterface({ input: fs.createReadStream(process.argv[2]), crlfDelay: Infinity });
rl.on('line', (line) => {
  if (!line.trim()) return;
  try { out.write(JSON.stringify(walk(JSON.parse(line))) + '\n'); } catch (e) { /* bad line */ }
});
rl.on('close', () => out.end());
