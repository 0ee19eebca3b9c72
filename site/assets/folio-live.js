// Live cells: runs a cell's WebAssembly module (Embedded Swift, compiled when the book was
// built) with the reader's slider values, and puts what it prints and displays in the page.
// The module's imports and exports are named in FolioProtocol's `LiveWire`. Also loaded by
// node at build time, for `folio check`'s parity check (module.exports below).
(function (root) {
  "use strict";

  // C's printf digits: %.*f (style 0) and %.*g (style 1), ties to even as glibc rounds them.
  function fixed(x, digits) {
    var text = x.toFixed(digits);
    var exact = Math.abs(x) < 1e21 ? Math.abs(x).toFixed(100) : "";
    var point = exact.indexOf(".");
    if (point >= 0) {
      var rest = exact.slice(point + 1 + digits);
      if (/^50*$/.test(rest)) {
        // An exact tie: toFixed rounded away from zero; printf rounds to the even neighbour.
        var kept = exact.slice(0, digits === 0 ? point : point + 1 + digits);
        var last = kept.charCodeAt(kept.length - 1) - 48;
        if (last % 2 === 0) text = (x < 0 ? "-" : "") + kept;
      }
    }
    return text;
  }

  function general(x, digits) {
    var precision = digits === 0 ? 1 : digits;
    if (x === 0) return (1 / x < 0 ? "-" : "") + "0";
    var exponential = x.toExponential(precision - 1);
    var exponent = parseInt(exponential.slice(exponential.indexOf("e") + 1), 10);
    var text;
    if (exponent < -4 || exponent >= precision) {
      var mantissa = exponential.slice(0, exponential.indexOf("e"));
      if (mantissa.indexOf(".") >= 0) mantissa = mantissa.replace(/0+$/, "").replace(/\.$/, "");
      var magnitude = Math.abs(exponent);
      text = mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + magnitude;
    } else {
      text = fixed(x, precision - 1 - exponent);
      if (text.indexOf(".") >= 0) text = text.replace(/0+$/, "").replace(/\.$/, "");
    }
    return text;
  }

  // FolioProtocol's LiveWire.mathImports.
  var MATH = ["exp", "expm1", "log", "log1p", "log2", "log10", "sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "floor", "ceil", "round", "cbrt", "pow", "atan2", "hypot"];

  var decoder = typeof TextDecoder !== "undefined" ? new TextDecoder() : null;

  // Instantiates a module; resolves to { run(values) }, where `run` runs the cell once with
  // `values[ordinal]` for its inputs (missing ones at their defaults) and returns
  // { text, displays: [{ kind, data, summary, at }] } (`at`: how much text came before).
  function load(bytes) {
    var memory = null;
    var out = null;
    var muted = false;
    var current = -1;
    var values = [];
    function view() { return new Uint8Array(memory.buffer); }
    function string(pointer, count) { return decoder.decode(view().subarray(pointer, pointer + count)); }
    var env = {
      putchar: function (byte) { if (!muted) out.bytes.push(byte & 255); return byte; },
      folio_display: function (kind, data, dataCount, summary, summaryCount) {
        if (muted) return;
        out.displays.push({
          kind: ["text", "svg", "html"][kind], data: string(data, dataCount), summary: string(summary, summaryCount),
          at: out.bytes.length
        });
      },
      folio_input: function (cell, ordinal, fallback) {
        if (muted || cell !== current) return fallback;
        var value = values[ordinal];
        return typeof value === "number" && isFinite(value) ? value : fallback;
      },
      folio_cell: function (cell, isMuted) { muted = isMuted !== 0; if (!muted) current = cell; },
      folio_format: function (value, style, digits, buffer, capacity) {
        var text = style === 0 ? fixed(value, digits) : general(value, digits);
        var target = view();
        var count = Math.min(text.length, capacity);
        for (var i = 0; i < count; i++) target[buffer + i] = text.charCodeAt(i);
        return text.length;
      },
      folio_grow: function (pages) { return memory.grow(pages); },
      memcpy: function (to, from, count) { view().copyWithin(to, from, from + count); return to; },
      memmove: function (to, from, count) { view().copyWithin(to, from, from + count); return to; },
      memset: function (to, byte, count) { view().fill(byte & 255, to, to + count); return to; },
      memcmp: function (a, b, count) {
        var bytes = view();
        for (var i = 0; i < count; i++) {
          if (bytes[a + i] !== bytes[b + i]) return bytes[a + i] < bytes[b + i] ? -1 : 1;
        }
        return 0;
      },
      // C's round: halves away from zero (Math.round takes them up).
      round: function (x) { return x < 0 ? -Math.round(-x) : Math.round(x); },
      // What LLVM makes of pow(2, x); Math has no exp2.
      exp2: function (x) { return Math.pow(2, x); },
    };
    // The rest of C's maths: JavaScript's Math has them under the same names.
    MATH.forEach(function (name) { if (!env[name]) env[name] = Math[name]; });
    return WebAssembly.instantiate(bytes, { env: env }).then(function (made) {
      var exports = made.instance.exports;
      memory = exports.memory;
      exports.folio_heap(exports.__heap_base.value, memory.buffer.byteLength);
      return {
        run: function (inputValues) {
          values = inputValues || [];
          out = { bytes: [], displays: [] };
          muted = false;
          current = -1;
          try {
            exports.folio_run();
          } finally {
            exports.folio_release();
          }
          return { text: decoder.decode(new Uint8Array(out.bytes)), displays: out.displays };
        }
      };
    });
  }

  function decode(base64) {
    if (typeof atob === "function") {
      var binary = atob(base64);
      var bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return bytes;
    }
    return new Uint8Array(Buffer.from(base64, "base64"));
  }

  // The page: modules registered by each chapter's `live/*.js`, by cell id.
  var registry = {};

  function register(modules) {
    for (var id in modules) if (Object.prototype.hasOwnProperty.call(modules, id)) registry[id] = modules[id];
  }

  function decimals(step) {
    var text = String(step);
    var point = text.indexOf(".");
    return point < 0 ? 0 : text.length - point - 1;
  }

  // Replaces a live cell's output with what one run printed and displayed, in the markup the
  // build writes (CellRenderer), so a run at the default inputs looks like the build's output.
  function show(output, result) {
    var parts = [];
    var text = result.text;
    var from = 0;
    function addText(upTo) {
      var chunk = text.slice(from, upTo);
      from = upTo;
      if (!chunk) return;
      var pre = document.createElement("pre");
      pre.className = "output-stdout";
      pre.textContent = chunk;
      parts.push(pre);
    }
    var bytes = new TextEncoder().encode(text);
    result.displays.forEach(function (shown) {
      addText(decoder.decode(bytes.subarray(0, shown.at)).length);
      var element;
      if (shown.kind === "svg") {
        // The same markup CellRenderer writes: a plot is one image on a div.
        element = document.createElement("div");
        element.className = "output-display rich-svg";
        element.setAttribute("role", "img");
        element.setAttribute("aria-label", shown.summary || "Plot");
        element.innerHTML = shown.data;
      } else if (shown.kind === "html") {
        element = document.createElement("div");
        element.className = "output-display rich-html";
        if (shown.summary) {
          element.setAttribute("role", "group");
          element.setAttribute("aria-label", shown.summary);
        }
        element.innerHTML = shown.data;
      } else {
        element = document.createElement("pre");
        element.className = "output-display rich-text";
        element.textContent = shown.data;
      }
      parts.push(element);
    });
    addText(text.length);
    // Line breaks between the parts, as the build writes them.
    var children = ["\n"];
    parts.forEach(function (part) { children.push(part, "\n"); });
    output.replaceChildren.apply(output, children);
  }

  function attach(cell) {
    var base64 = registry[cell.id];
    var inputs = cell.querySelector(".live-inputs");
    var output = cell.querySelector(".cell-output");
    if (!base64 || !inputs || !output || typeof WebAssembly !== "object") return;
    var sliders = Array.prototype.slice.call(inputs.querySelectorAll('input[type="range"]'));
    // The module is decoded and compiled when the page is idle, not before it is painted, and
    // run once at its defaults (output discarded) so the first move finds its code compiled.
    var loading = null;
    function ready() {
      if (!loading) {
        loading = load(decode(base64)).then(function (module) {
          module.run([]);
          return module;
        });
      }
      return loading;
    }
    var pending = false;
    var runs = 0;
    function rerun() {
      pending = false;
      ready().then(function (module) {
        var values = sliders.map(function (slider) { return Number(slider.value); });
        var name = "folio-live " + cell.id + " " + (++runs);
        performance.mark(name);
        var result;
        try {
          result = module.run(values);
        } catch (error) {
          var stopped = document.createElement("p");
          stopped.className = "live-error";
          stopped.textContent = "This run stopped: " + (error && error.message ? error.message : error);
          output.replaceChildren(stopped);
          return;
        }
        show(output, result);
        var measure = performance.measure(name, name);
        cell.setAttribute("data-live-ms", String(measure ? measure.duration : 0));
        cell.setAttribute("data-live-runs", String(runs));
      });
    }
    sliders.forEach(function (slider) {
      slider.addEventListener("focus", ready);
      slider.addEventListener("pointerdown", ready);
      var shown = cell.querySelector('output[for="' + slider.id + '"]');
      slider.addEventListener("input", function () {
        if (shown) shown.textContent = Number(slider.value).toFixed(decimals(slider.step));
        if (!pending) {
          pending = true;
          requestAnimationFrame(rerun);
        }
      });
    });
    inputs.hidden = false;
    return ready;
  }

  var api = { load: load, decode: decode, fixed: fixed, general: general, register: register };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  root.FolioLive = api;
  if (typeof document !== "undefined") {
    document.addEventListener("DOMContentLoaded", function () {
      var readies = Array.prototype.map.call(document.querySelectorAll(".cell-live"), attach);
      window.addEventListener("load", function () {
        var later = window.requestIdleCallback || function (work) { setTimeout(work, 200); };
        readies.forEach(function (ready) { if (ready) later(function () { ready(); }); });
      });
    });
  }
})(typeof window !== "undefined" ? window : this);
