// The visitor's language (planb's negotiate::pick_language, line for line): the ranges of
// Accept-Language by q-value, the order written among equal ones; each looked up as RFC 4647
// 3.4 says (en-GB tries en-gb, then en); q=0 refuses one. No match, `*`, an empty or malformed
// header: 0, the default. `languages` are lowercase, the default first.
function pickLanguage(header, languages) {
  if (typeof header !== 'string') return 0;
  var ranges = [];
  var refused = {};
  var parts = header.split(',');
  for (var p = 0; p < parts.length; p++) {
    var pieces = parts[p].split(';');
    var range = asciiLower(pieces[0].trim());
    if (!isRange(range)) continue;
    var q = qOfParameters(pieces);
    if (q === null) continue;
    ranges.push({ range: range, q: q, at: ranges.length });
    if (q === 0) refused[range] = true;
  }
  // By descending q-value, the order written among equal ones.
  ranges.sort(function (a, b) { return a.q !== b.q ? b.q - a.q : a.at - b.at; });
  for (var r = 0; r < ranges.length; r++) {
    if (ranges[r].q === 0 || ranges[r].range === '*') continue;
    var candidate = ranges[r].range;
    while (true) {
      if (!refused[candidate]) {
        var found = languages.indexOf(candidate);
        if (found >= 0) return found;
      }
      var cut = candidate.lastIndexOf('-');
      if (cut < 0) break;
      candidate = candidate.slice(0, cut);
      // A single-letter subtag left at the end goes with the truncation.
      if (candidate.length >= 2 && candidate.charAt(candidate.length - 2) === '-') {
        candidate = candidate.slice(0, candidate.length - 2);
      }
    }
  }
  return 0;
}

// `*`, or subtags of 1 to 8 letters and digits joined by `-`, the first letters only.
function isRange(range) {
  if (range === '*') return true;
  var subtags = range.split('-');
  for (var i = 0; i < subtags.length; i++) {
    var ok = i === 0 ? /^[a-z]{1,8}$/ : /^[a-z0-9]{1,8}$/;
    if (!ok.test(subtags[i])) return false;
  }
  return true;
}

// The q-value of a header's part, from its parameters (`pieces` after the first): 1000 when none
// is given; null when a parameter has no `=` or the q-value is malformed (the part is skipped).
function qOfParameters(pieces) {
  var q = 1000;
  for (var i = 1; i < pieces.length; i++) {
    var eq = pieces[i].indexOf('=');
    if (eq < 0) return null;
    if (asciiLower(pieces[i].slice(0, eq).trim()) === 'q') {
      q = qvalue(pieces[i].slice(eq + 1).trim());
      if (q === null) return null;
    }
  }
  return q;
}

// A q-value in thousandths (0, 1, 0.5, 1.000: at most three decimals), or null.
function qvalue(text) {
  var dot = text.indexOf('.');
  var whole = dot < 0 ? text : text.slice(0, dot);
  var fraction = dot < 0 ? '' : text.slice(dot + 1);
  if (fraction.length > 3 || !/^[0-9]*$/.test(fraction)) return null;
  var thousandths = parseInt((fraction + '000').slice(0, 3), 10);
  if (whole === '0') return thousandths;
  if (whole === '1' && thousandths === 0) return 1000;
  return null;
}

// Lowercase ASCII only, as planb's Rust does (toLowerCase would turn the Kelvin sign into k).
function asciiLower(text) {
  return text.replace(/[A-Z]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) + 32); });
}
