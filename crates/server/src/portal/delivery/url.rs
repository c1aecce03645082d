//! Where the server may send: no webhook may aim it at an internal address, whether
//! by the URL, by what its name resolves to when set, or by what it resolves to when
//! the delivery connects (the client resolves through [`PublicOnly`]).

use std::{net::IpAddr, time::Duration};

/// Why a webhook address is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.reason())]
pub enum UnsafeUrl {
    Malformed,
    NotHttps,
    Private,
    Unresolved,
}

impl UnsafeUrl {
    pub fn reason(self) -> &'static str {
        match self {
            UnsafeUrl::Malformed => "not an http(s) URL with a host",
            UnsafeUrl::NotHttps => "plain http is only for a loopback address",
            UnsafeUrl::Private => "resolves to a private, loopback or link-local address",
            UnsafeUrl::Unresolved => "the host name does not resolve",
        }
    }
}

impl From<UnsafeUrl> for crate::error::Reason {
    fn from(unsafe_url: UnsafeUrl) -> Self {
        use crate::error::Reason;
        match unsafe_url {
            UnsafeUrl::Malformed => Reason::UrlMalformed,
            UnsafeUrl::NotHttps => Reason::UrlNotHttps,
            UnsafeUrl::Private => Reason::UrlPrivate,
            UnsafeUrl::Unresolved => Reason::UrlUnresolved,
        }
    }
}

/// Whether the server may send to `url`: https to a public address; plain http only
/// to loopback; private, loopback and link-local addresses only when the operator
/// allows them (`--allow-private-webhooks`). Checked when the URL is set and again
/// before each delivery, since a name can be made to point elsewhere later.
pub async fn check_url(url: &str, allow_private: bool) -> Result<(), UnsafeUrl> {
    let parsed = reqwest::Url::parse(url).map_err(|_| UnsafeUrl::Malformed)?;
    let host = parsed.host_str().ok_or(UnsafeUrl::Malformed)?;
    let port = parsed.port_or_known_default().ok_or(UnsafeUrl::Malformed)?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let addresses: Vec<IpAddr> = match host.parse::<IpAddr>() {
        Ok(ip) => vec![ip],
        Err(_) => tokio::net::lookup_host((host, port))
            .await
            .map_err(|_| UnsafeUrl::Unresolved)?
            .map(|a| a.ip())
            .collect(),
    };
    if addresses.is_empty() {
        return Err(UnsafeUrl::Unresolved);
    }
    match parsed.scheme() {
        "https" => {}
        "http" if addresses.iter().all(IpAddr::is_loopback) => {}
        "http" => return Err(UnsafeUrl::NotHttps),
        _ => return Err(UnsafeUrl::Malformed),
    }
    if !allow_private && addresses.iter().any(|ip| is_internal(*ip)) {
        return Err(UnsafeUrl::Private);
    }
    Ok(())
}

fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_broadcast()
                || v4.is_multicast()
                || a == 0 // "this network", 0.0.0.0/8
                || (a == 100 && (b & 0xc0) == 64) // carrier-grade NAT, 100.64.0.0/10
                || (a == 198 && (b & 0xfe) == 18) // benchmarking, 198.18.0.0/15
                || a >= 240 // reserved, 240.0.0.0/4
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            // An IPv4 address inside an IPv6 one reaches that IPv4 address.
            let embedded = |hi: u16, lo: u16| {
                is_internal(IpAddr::V4(std::net::Ipv4Addr::new(
                    (hi >> 8) as u8,
                    hi as u8,
                    (lo >> 8) as u8,
                    lo as u8,
                )))
            };
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local
                || (s[0] & 0xffc0) == 0xfe80 // link-local
                || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated, still routed inside)
                || v6.to_ipv4_mapped().is_some_and(|v4| is_internal(IpAddr::V4(v4)))
                || (s[..6] == [0; 6] && embedded(s[6], s[7])) // IPv4-compatible
                || (s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] && embedded(s[6], s[7])) // NAT64
                || (s[0] == 0x2002 && embedded(s[1], s[2])) // 6to4
        }
    }
}

/// Resolves a webhook's host for the HTTP client itself and refuses internal
/// addresses there, so the address checked is the address connected to: a name that
/// answers differently a second later (DNS rebinding) gains nothing.
pub(super) struct PublicOnly {
    pub(super) allow_private: bool,
}

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let found: Vec<std::net::SocketAddr> = tokio::time::timeout(
                Duration::from_secs(5),
                tokio::net::lookup_host((name.as_str(), 0)),
            )
            .await
            .map_err(|_| "the name did not resolve in time")??
            .collect();
            if !allow_private && found.iter().any(|a| is_internal(a.ip())) {
                return Err(UnsafeUrl::Private.reason().into());
            }
            let addrs: reqwest::dns::Addrs = Box::new(found.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_client_itself_refuses_names_that_resolve_inside() {
        use reqwest::dns::Resolve;
        let name = |n: &str| n.parse::<reqwest::dns::Name>().unwrap();
        let strict = PublicOnly {
            allow_private: false,
        };
        assert!(strict.resolve(name("localhost")).await.is_err());
        let lenient = PublicOnly {
            allow_private: true,
        };
        let found: Vec<_> = lenient.resolve(name("localhost")).await.unwrap().collect();
        assert!(found.iter().all(|a| a.ip().is_loopback()) && !found.is_empty());
    }

    #[test]
    fn internal_addresses_are_told_apart() {
        for ip in [
            "10.1.2.3",
            "192.168.0.1",
            "127.0.0.1",
            "169.254.169.254",
            "100.64.0.1",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:10.0.0.1",
            "0.0.0.0",
        ] {
            assert!(is_internal(ip.parse().unwrap()), "{ip}");
        }
        for ip in [
            "8.8.8.8",
            "2001:4860:4860::8888",
            "100.128.0.1",
            "64:ff9b::808:808",
            "2002:808:808::1",
        ] {
            assert!(!is_internal(ip.parse().unwrap()), "{ip}");
        }
    }
}
