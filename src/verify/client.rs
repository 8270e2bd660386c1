//! The one HTTP client of `planb verify`: a request on a fresh connection to one address (DNS's
//! first, or the one `--resolve` gives), over TLS for `https`, HTTP/1.1, never following a
//! redirect, bounded by a timeout for the whole exchange and a size for the body, never retried.
//! Each failure says which step failed (DNS, connect, TLS, timeout), which is what an operator
//! needs at 20:55.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use http_body_util::BodyExt as _;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

/// The most bytes of a body verify reads: a planb page is under 15 kB, so anything this large is
/// not one, and reading on would only burn the timeout.
const MAX_BODY: usize = 4 << 20;

/// Where the edge is: the URL's scheme, host and port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub https: bool,
    pub host: String,
    pub port: u16,
}

impl Origin {
    /// `http://host[:port]` or `https://host[:port]`, with nothing after but an optional `/`.
    pub fn parse(url: &str) -> Result<Origin, String> {
        let (https, rest) = if let Some(r) = url.strip_prefix("https://") {
            (true, r)
        } else if let Some(r) = url.strip_prefix("http://") {
            (false, r)
        } else {
            return Err(format!(
                "`{url}`: give the edge as http://HOST or https://HOST"
            ));
        };
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        if authority.is_empty() || authority.contains(['/', '?', '#', '@']) {
            return Err(format!(
                "`{url}`: give only the scheme and host (the manifest gives every path)"
            ));
        }
        let default = if https { 443 } else { 80 };
        // `[::1]:8080`: the brackets hold an IPv6 address, the port comes after them.
        let (host, port) = match authority.strip_prefix('[') {
            Some(v6) => match v6.split_once(']') {
                Some((h, "")) => (h, None),
                Some((h, p)) if p.starts_with(':') => (h, Some(&p[1..])),
                _ => return Err(format!("`{url}`: not an IPv6 address in brackets")),
            },
            None => match authority.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (authority, None),
            },
        };
        let port = match port {
            None => default,
            Some(p) => p
                .parse()
                .map_err(|_| format!("`{url}`: `{p}` is not a port"))?,
        };
        Ok(Origin {
            https,
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    /// The `Host` header: the port only when it is not the scheme's.
    pub fn authority(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        if self.port == if self.https { 443 } else { 80 } {
            host
        } else {
            format!("{host}:{}", self.port)
        }
    }

    /// `https://www.example.com`, as a `Location` on the same site would start.
    pub fn base(&self) -> String {
        format!(
            "{}://{}",
            if self.https { "https" } else { "http" },
            self.authority()
        )
    }
}

/// One request.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub method: &'static str,
    pub path: &'a str,
    pub accept_encoding: &'static str,
    /// Sent when given: the language the probe asks for.
    pub accept_language: Option<&'a str>,
    /// Sent when given, instead of a browser's: the format the probe asks for.
    pub accept: Option<&'a str>,
}

/// An answer, its body as sent (still encoded).
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// Every value of the header `name`, in order.
    pub fn header(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// What a failed exchange says: the step, and what it met.
pub type Failure = String;

/// The client for one edge: its origin, the address to connect to, TLS, the timeout.
pub struct Client {
    pub origin: Origin,
    pub addr: SocketAddr,
    timeout: Duration,
    tls: Option<tokio_rustls::TlsConnector>,
}

impl Client {
    /// A client for `origin` at `ip` (from `--resolve`), or at the first address DNS gives.
    pub async fn new(
        origin: Origin,
        ip: Option<IpAddr>,
        timeout: Duration,
    ) -> Result<Client, Failure> {
        let addr = match ip {
            Some(ip) => SocketAddr::new(ip, origin.port),
            None => resolve(&origin, timeout).await?,
        };
        let tls = origin.https.then(tls_connector);
        Ok(Client {
            origin,
            addr,
            timeout,
            tls,
        })
    }

    /// Sends `request` on a fresh connection; the whole exchange within the timeout.
    pub async fn send(&self, request: &Request<'_>) -> Result<Response, Failure> {
        let seconds = self.timeout.as_secs_f32();
        match tokio::time::timeout(self.timeout, self.exchange(request)).await {
            Ok(result) => result,
            Err(_) => Err(format!(
                "timeout: no complete answer from {} within {seconds} s",
                self.addr
            )),
        }
    }

    async fn exchange(&self, request: &Request<'_>) -> Result<Response, Failure> {
        let tcp = TcpStream::connect(self.addr)
            .await
            .map_err(|e| format!("connect to {}: {e}", self.addr))?;
        match &self.tls {
            None => self.over(tcp, request).await,
            Some(tls) => {
                let name = rustls::pki_types::ServerName::try_from(self.origin.host.clone())
                    .map_err(|e| {
                        format!("TLS: `{}` is not a server name: {e}", self.origin.host)
                    })?;
                let stream = tls.connect(name, tcp).await.map_err(|e| {
                    // rustls's word for an answer in clear is cryptic: say what it means.
                    let plain = if e.to_string().contains("InvalidContentType") {
                        " (the server answers without TLS: is it http://?)"
                    } else {
                        ""
                    };
                    format!("TLS with {} ({}): {e}{plain}", self.origin.host, self.addr)
                })?;
                self.over(stream, request).await
            }
        }
    }

    async fn over<S>(&self, stream: S, request: &Request<'_>) -> Result<Response, Failure>
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| format!("HTTP with {}: {e}", self.addr))?;
        // The connection is driven beside the request and dropped with it.
        let driver = tokio::spawn(connection);
        // A POST is a form as a browser sends it: a small body, its length said (lighttpd
        // answers a POST without one 411).
        let body = if request.method == "POST" {
            "planb=verify"
        } else {
            ""
        };
        let mut req = hyper::Request::builder()
            .method(request.method)
            .uri(request.path)
            .header("Host", self.origin.authority())
            .header(
                "User-Agent",
                concat!("planb-verify/", env!("CARGO_PKG_VERSION")),
            )
            .header(
                "Accept",
                request
                    .accept
                    .unwrap_or("text/html,application/xhtml+xml,*/*;q=0.8"),
            )
            .header("Accept-Encoding", request.accept_encoding)
            .header("Connection", "close");
        if let Some(language) = request.accept_language {
            req = req.header("Accept-Language", language);
        }
        if !body.is_empty() {
            req = req
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Content-Length", body.len());
        }
        let req = req
            .body(http_body_util::Full::new(bytes::Bytes::from_static(
                body.as_bytes(),
            )))
            .map_err(|e| format!("request {}: {e}", request.path))?;
        let answer = sender
            .send_request(req)
            .await
            .map_err(|e| format!("HTTP with {}: {e}", self.addr))?;
        let status = answer.status().as_u16();
        let headers = answer
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let mut body = Vec::new();
        let mut incoming = answer.into_body();
        while let Some(frame) = incoming.frame().await {
            let frame = frame.map_err(|e| format!("reading the body of {}: {e}", request.path))?;
            if let Some(data) = frame.data_ref() {
                body.extend_from_slice(data);
                if body.len() > MAX_BODY {
                    return Err(format!(
                        "{}: the body passes {} MiB, which no planb page weighs",
                        request.path,
                        MAX_BODY >> 20
                    ));
                }
            }
        }
        driver.abort();
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

async fn resolve(origin: &Origin, timeout: Duration) -> Result<SocketAddr, Failure> {
    let lookup = tokio::net::lookup_host((origin.host.as_str(), origin.port));
    match tokio::time::timeout(timeout, lookup).await {
        Err(_) => Err(format!(
            "DNS: no answer for {} within {} s",
            origin.host,
            timeout.as_secs_f32()
        )),
        Ok(Err(e)) => Err(format!("DNS: cannot resolve {}: {e}", origin.host)),
        Ok(Ok(mut addrs)) => addrs
            .next()
            .ok_or_else(|| format!("DNS: {} has no address", origin.host)),
    }
}

/// TLS as a browser checks it: the web's root certificates (Mozilla's list, built in, so the
/// answer does not depend on the machine), HTTP/1.1 only.
fn tls_connector() -> tokio_rustls::TlsConnector {
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("ring supports the default TLS versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    tokio_rustls::TlsConnector::from(Arc::new(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_parse_with_their_default_ports() {
        let o = Origin::parse("https://WWW.Example.com/").unwrap();
        assert_eq!(
            (o.https, o.host.as_str(), o.port),
            (true, "www.example.com", 443)
        );
        assert_eq!(o.authority(), "www.example.com");
        let o = Origin::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!((o.port, o.authority().as_str()), (8080, "127.0.0.1:8080"));
        let o = Origin::parse("http://[::1]:81").unwrap();
        assert_eq!(
            (o.host.as_str(), o.authority().as_str()),
            ("::1", "[::1]:81")
        );
        assert_eq!(o.base(), "http://[::1]:81");
    }

    #[test]
    fn an_origin_with_a_path_or_no_scheme_is_refused() {
        for (url, says) in [
            ("www.example.com", "http://HOST"),
            ("https://www.example.com/shop", "only the scheme and host"),
            ("http://example.com:http", "not a port"),
            ("http://", "only the scheme and host"),
        ] {
            let e = Origin::parse(url).unwrap_err();
            assert!(e.contains(says), "{url}: {e}");
        }
    }
}
