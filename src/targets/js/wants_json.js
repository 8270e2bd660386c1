// Whether a request whose Accept is `header` gets the page's JSON twin (planb's
// negotiate::format::wants_json, line for line): application/json or application/problem+json
// ranked above HTML (text/html, text/*) by q-value. A tie, `*/*`, none, an empty or malformed
// header: HTML. Uses qOfParameters and asciiLower (pick_language.js).
function wantsJson(header) {
  if (typeof header !== 'string') return false;
  var json = 0;
  var html = 0;
  var parts = header.split(',');
  for (var p = 0; p < parts.length; p++) {
    var pieces = parts[p].split(';');
    var range = asciiLower(pieces[0].trim());
    var slash = range.indexOf('/');
    if (slash < 0 || !isToken(range.slice(0, slash)) || !isToken(range.slice(slash + 1))) continue;
    var q = qOfParameters(pieces);
    if (q === null) continue;
    if (range === 'application/json' || range === 'application/problem+json') {
      json = Math.max(json, q);
    } else if (range === 'text/html' || range === 'text/*') {
      html = Math.max(html, q);
    }
  }
  return json > html;
}

// An RFC 9110 token: what a media type or subtype is made of.
function isToken(text) {
  return /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(text);
}
