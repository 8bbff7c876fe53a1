/* vnu-site's front matter for Decap CMS (written into /admin/ by outputs/cms.py).

   Decap's own YAML writer rewrites a whole file on every save: long texts folded at 80
   columns, quotes dropped, lists of ids on many lines, keys in the form's order, in every
   language's file. A reviewer would then read a dozen changed lines for one changed word.
   This format keeps every top-level field whose value the editor did not change exactly as
   it was written (its lines, quotes, comments above it, an empty placeholder of `vnu-site
   new`), writes the changed ones anew in the style `vnu-site new` uses (ids on one line:
   [a, b]), and leaves out a field the editor emptied, as if never written (the build refuses
   empty text). The body is kept as it is.

   Reading uses js-yaml (pinned, with Subresource Integrity, like the CMS) with YAML 1.2's
   core schema: dates stay text, as the build reads them. */
(function () {
  "use strict";
  var ORIGINAL = "__vnu_site_original"; // the file as read; never written back
  var CORE = { schema: jsyaml.CORE_SCHEMA };
  var KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)/;
  var PLAIN = /^[\p{L}\p{N}][\p{L}\p{N} .,'’()\/&–—-]*$/u;
  var FLOW_PLAIN = /^[\p{L}\p{N}][\p{L}\p{N} .'’()\/&–—-]*$/u;
  var DATE = /^\d{4}-\d{2}(-\d{2})?$/;
  var URL = /^https?:\/\/[^\s,\[\]{}#"'`]+$/;
  var WORDS = /^(y|yes|n|no|on|off|true|false|null|~)$/i; // what YAML 1.1 (the build's reader) does not keep as text

  function split(text) {
    var lines = text.split("\n");
    if (lines[0].replace(/\s+$/, "") !== "---") throw new Error("the file must start with a '---' line");
    for (var i = 1; i < lines.length; i++) {
      if (lines[i].replace(/\s+$/, "") === "---") {
        return {
          open: lines[0] + "\n",
          yaml: lines.slice(1, i).join("\n") + (i > 1 ? "\n" : ""),
          close: lines[i] + (i + 1 < lines.length ? "\n" : ""),
          body: lines.slice(i + 1).join("\n"),
        };
      }
    }
    throw new Error("the front matter is never closed with a '---' line");
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  // [[key, text]]: each top-level field with the lines above it (comments, blank lines);
  // null when the text cannot be cut so (then every field is written anew).
  function blocks(yaml, values) {
    var lines = yaml.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    var found = [];
    var pending = [];
    lines.forEach(function (line) {
      var match = KEY_LINE.exec(line);
      if (match) {
        found.push([match[1], pending.concat([line])]);
        pending = [];
      } else if (found.length && /^[ \t-]/.test(line) && line.trim() !== "" && line.trim()[0] !== "#") {
        var last = found[found.length - 1][1];
        Array.prototype.push.apply(last, pending.concat([line]));
        pending = [];
      } else {
        pending.push(line);
      }
    });
    var tail = pending.length ? pending.join("\n") + "\n" : "";
    var cut = found.map(function (pair) {
      return [pair[0], pair[1].join("\n") + "\n"];
    });
    try {
      var seen = {};
      for (var i = 0; i < cut.length; i++) {
        var one = jsyaml.load(cut[i][1], CORE);
        if (!one || Object.keys(one).length !== 1 || !(cut[i][0] in one) || seen[cut[i][0]]) return null;
        if (!same(one[cut[i][0]], values[cut[i][0]])) return null;
        seen[cut[i][0]] = true;
      }
      if (Object.keys(values).length !== cut.length) return null;
    } catch (e) {
      return null;
    }
    return { blocks: cut, tail: tail };
  }

  function empty(value) {
    if (value === null || value === undefined || value === "") return true;
    if (Array.isArray(value)) return value.length === 0;
    if (typeof value === "object") return Object.keys(value).every(function (k) { return empty(value[k]); });
    return false;
  }

  function scalar(value, flow) {
    if (typeof value === "boolean" || typeof value === "number") return String(value);
    var text = String(value);
    var plain = flow ? FLOW_PLAIN : PLAIN;
    if (DATE.test(text) || URL.test(text) || (plain.test(text) && !WORDS.test(text) && !/^[\d.+-]/.test(text) && !/\s$/.test(text))) return text;
    return JSON.stringify(text); // a JSON string is a YAML double-quoted one
  }

  function isScalar(value) {
    return value === null || ["string", "number", "boolean"].indexOf(typeof value) >= 0;
  }

  function fresh(key, value) {
    if (isScalar(value)) return key + ": " + scalar(value, false) + "\n";
    if (Array.isArray(value) && value.every(isScalar)) {
      return key + ": [" + value.map(function (v) { return scalar(v, true); }).join(", ") + "]\n";
    }
    if (!Array.isArray(value) && Object.keys(value).every(function (k) { return isScalar(value[k]); })) {
      var parts = Object.keys(value).filter(function (k) { return !empty(value[k]); });
      return key + ": {" + parts.map(function (k) { return k + ": " + scalar(value[k], true); }).join(", ") + "}\n";
    }
    if (Array.isArray(value) && value.every(function (v) { return v && typeof v === "object" && !Array.isArray(v); })) {
      return key + ":\n" + value.map(function (item) {
        var names = Object.keys(item).filter(function (k) { return !empty(item[k]); });
        return names.map(function (k, i) {
          return (i ? "    " : "  - ") + k + ": " + (isScalar(item[k]) ? scalar(item[k], false) : JSON.stringify(item[k]));
        }).join("\n") + "\n";
      }).join("");
    }
    return jsyaml.dump(Object.fromEntries([[key, value]]), { lineWidth: -1, schema: jsyaml.CORE_SCHEMA });
  }

  CMS.registerCustomFormat("vnu-site", "md", {
    fromFile: function (text) {
      if (!text || !text.trim()) return {}; // a language the item has no file in
      var parts = split(text.replace(/\r\n?/g, "\n"));
      var values = jsyaml.load(parts.yaml, CORE) || {};
      if (typeof values !== "object" || Array.isArray(values)) throw new Error("the front matter must be fields, one per line");
      var data = Object.assign({}, values, { body: parts.body });
      var cut = blocks(parts.yaml, values);
      data[ORIGINAL] = { open: parts.open, close: parts.close, values: values, blocks: cut && cut.blocks, tail: cut ? cut.tail : "" };
      return data;
    },
    toFile: function (data, sortedKeys) {
      var original = data[ORIGINAL] || { open: "---\n", close: "---\n", values: {}, blocks: null, tail: "" };
      var order = sortedKeys || [];
      var body = typeof data.body === "string" ? data.body : "";
      var keys = Object.keys(data).filter(function (k) { return k !== ORIGINAL && k !== "body"; });
      var rank = function (k) { var i = order.indexOf(k); return i < 0 ? order.length : i; };
      var out = []; // [key, text]
      (original.blocks || []).forEach(function (pair) {
        var key = pair[0];
        if (keys.indexOf(key) >= 0 && same(data[key], original.values[key])) out.push([key, pair[1]]); // untouched, even if empty
        else if (keys.indexOf(key) >= 0 && !empty(data[key])) out.push([key, fresh(key, data[key])]);
        // else: emptied, left out
      });
      // A field the file did not have goes before the first one the form puts after it.
      keys.filter(function (k) { return !empty(data[k]) && !out.some(function (pair) { return pair[0] === k; }); })
        .sort(function (a, b) { return rank(a) - rank(b); })
        .forEach(function (k) {
          var at = out.findIndex(function (pair) { return rank(pair[0]) > rank(k); });
          out.splice(at < 0 ? out.length : at, 0, [k, fresh(k, data[k])]);
        });
      out = out.map(function (pair) { return pair[1]; });
      return original.open + out.join("") + original.tail + original.close + body;
    },
  });
})();
