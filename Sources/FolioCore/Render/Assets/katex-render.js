// Renders a batch of TeX formulas with KaTeX for Folio, at build time.
// Usage: node katex-render.js /usr/share/javascript/katex/katex.min.js < [{"tex":…,"display":…},…]
// Prints one {"html":…} or {"error":…} per formula, in order, as a JSON array.
"use strict";
const katex = require(process.argv[2]);
const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const items = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const results = items.map(({ tex, display }) => {
    try {
      return {
        html: katex.renderToString(tex, {
          displayMode: display,
          output: "htmlAndMathml",
          throwOnError: true,
          strict: "ignore",
          trust: false,
        }),
      };
    } catch (error) {
      return { error: String(error && error.message ? error.message : error) };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
