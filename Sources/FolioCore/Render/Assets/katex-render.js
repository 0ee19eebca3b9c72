// Renders a batch of TeX formulas with KaTeX for Folio, at build time.
// Usage: node katex-render.js /usr/share/javascript/katex/katex.min.js < [{"tex":…,"display":…},…]
// Prints one {"html":…} or {"error":…} per formula, in order, as a JSON array.
"use strict";
const katex = require(process.argv[2]);
// KaTeX cuts error excerpts at UTF-16 positions, which can split a surrogate pair; a lone
// surrogate is not valid UTF-8, so it becomes U+FFFD before the reply is written.
const wellFormed = (text) =>
  text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const items = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const results = items.map(({ tex, display }) => {
    try {
      return {
        html: wellFormed(katex.renderToString(tex, {
          displayMode: display,
          output: "htmlAndMathml",
          throwOnError: true,
          strict: "ignore",
          trust: false,
        })),
      };
    } catch (error) {
      return { error: wellFormed(String(error && error.message ? error.message : error)) };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
