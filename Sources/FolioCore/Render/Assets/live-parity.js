// Runs live cells' WebAssembly modules once at their default inputs, for `folio check`'s parity
// check against the native run.
// Usage: node live-parity.js folio-live.js < ["<base64 module>", …]
// Prints one {"text":…,"displays":[{kind,data,summary}]} or {"error":…} per module, in order.
"use strict";
const live = require(process.argv[2]);
const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", async () => {
  const modules = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const results = [];
  for (const base64 of modules) {
    try {
      const module = await live.load(live.decode(base64));
      const { text, displays } = module.run([]);
      results.push({ text, displays: displays.map(({ kind, data, summary }) => ({ kind, data, summary })) });
    } catch (error) {
      results.push({ error: String(error && error.message ? error.message : error) });
    }
  }
  process.stdout.write(JSON.stringify(results));
});
