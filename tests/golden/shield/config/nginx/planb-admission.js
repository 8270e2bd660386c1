// planb admission cookie (generated; do not edit): "<expiry>.<base64url HMAC-SHA256(secret, expiry)>".
// The secret is PLANB_ADMISSION_SECRET in nginx's environment (`env PLANB_ADMISSION_SECRET;`); without one of
// at least 16 characters nobody is admitted by the cookie, and none is issued.
var crypto = require('crypto');
var TTL = 900;

function secret() {
    var s = process.env.PLANB_ADMISSION_SECRET || '';
    return s.length >= 16 ? s : '';
}

function sig(key, exp) {
    return crypto.createHmac('sha256', key).update(String(exp)).digest('base64url');
}

function valid(r) {
    var key = secret();
    var c = r.variables.cookie_planb_admitted;
    if (!key || !c) return false;
    var i = c.indexOf('.');
    if (i < 1) return false;
    var exp = c.substring(0, i);
    if (!/^[0-9]{1,12}$/.test(exp) || Number(exp) < Date.now() / 1000) return false;
    return c.substring(i + 1) === sig(key, exp);
}

function stranger_key(r) {
    return valid(r) ? '' : '1';
}

// An answer a shared cache (a CDN in front of nginx) may store would hand the cookie to everyone.
function shared(r) {
    var cc = r.variables.upstream_http_cache_control || '';
    return /(^|[,\s])(public|s-maxage)\b/i.test(cc);
}

function new_cookie(r) {
    var key = secret();
    if (!key || valid(r) || shared(r)) return '';
    var exp = Math.floor(Date.now() / 1000) + TTL;
    return 'planb_admitted=' + exp + '.' + sig(key, exp) + '; Max-Age=' + TTL + '; Path=/; HttpOnly; SameSite=Lax';
}

export default { stranger_key, new_cookie };
