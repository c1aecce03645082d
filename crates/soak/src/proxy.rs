//! A TCP fault proxy: forwards every connection to one upstream address and, while a
//! fault is set, harms them the way a network does: adds latency, refuses new
//! connections, resets or cuts the open ones mid-stream, or swallows everything sent
//! (a black hole, which only a timeout notices).
//!
//! Our own, not a library's (toxiproxy is a Go service outside the package registries):
//! a hundred lines over tokio, and the soak sets its faults in-process without an API.

use std::{
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
    sync::watch,
};

/// What the proxy does to connections now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Forwards faithfully.
    None,
    /// Holds every piece of data this long before forwarding it, both ways.
    Delay(Duration),
    /// Closes new connections at once; open ones go on.
    Refuse,
    /// Resets every open connection (RST) and each new one.
    Reset,
    /// Closes every open connection (FIN) wherever it is; new ones are forwarded.
    Cut,
    /// Accepts, forwards nothing and answers nothing until the fault ends.
    BlackHole,
}

/// A running proxy; dropping it stops accepting (open connections end with their
/// peers).
pub struct FaultProxy {
    pub addr: SocketAddr,
    fault: watch::Sender<Fault>,
    /// Connections taken and judged by the fault of their moment.
    judged: Arc<AtomicU64>,
    accepting: tokio::task::JoinHandle<()>,
}

impl FaultProxy {
    /// Listens on a free loopback port and forwards to `upstream`.
    pub async fn start(upstream: SocketAddr) -> std::io::Result<FaultProxy> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let (fault, watching) = watch::channel(Fault::None);
        let judged = Arc::new(AtomicU64::new(0));
        let counting = judged.clone();
        let accepting = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(forward(
                    client,
                    upstream,
                    watching.clone(),
                    counting.clone(),
                ));
            }
        });
        Ok(FaultProxy {
            addr,
            fault,
            judged,
            accepting,
        })
    }

    pub fn set(&self, fault: Fault) {
        self.fault.send_replace(fault);
    }

    pub fn fault(&self) -> Fault {
        *self.fault.borrow()
    }

    /// How many connections it has taken so far.
    pub fn judged(&self) -> u64 {
        self.judged.load(Ordering::SeqCst)
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.accepting.abort();
    }
}

/// Ends `stream` with a reset rather than a clean close.
fn reset(stream: TcpStream) {
    // A zero linger never blocks: the close sends RST at once.
    let _ = stream.set_zero_linger();
    drop(stream);
}

async fn forward(
    client: TcpStream,
    upstream: SocketAddr,
    mut fault: watch::Receiver<Fault>,
    judged: Arc<AtomicU64>,
) {
    let now = *fault.borrow_and_update();
    judged.fetch_add(1, Ordering::SeqCst);
    match now {
        Fault::Refuse => return,
        Fault::Reset => return reset(client),
        Fault::BlackHole => {
            // Hold the connection, reading nothing, until the fault changes.
            let _ = fault.changed().await;
            return;
        }
        Fault::None | Fault::Delay(_) | Fault::Cut => {}
    }
    let Ok(server) = TcpStream::connect(upstream).await else {
        return reset(client);
    };
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let (client_read, client_write) = client.into_split();
    let (server_read, server_write) = server.into_split();
    let there = pump(client_read, server_write, fault.clone());
    let back = pump(server_read, client_write, fault.clone());
    tokio::select! {
        _ = there => {}
        _ = back => {}
        // A reset or a cut severs the open connections too.
        _ = fault.wait_for(|f| matches!(f, Fault::Reset | Fault::Cut | Fault::BlackHole)) => {}
    }
    // Dropping both halves closes both sides. Whether it was a reset (not a clean
    // close) matters little to the peers: either way the request is lost mid-way.
}

/// Copies `from` to `to` until either ends, holding each piece for the fault's delay.
async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    fault: watch::Receiver<Fault>,
) {
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let n = match from.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let delay = match *fault.borrow() {
            Fault::Delay(d) => d,
            _ => Duration::ZERO,
        };
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        if to.write_all(&buffer[..n]).await.is_err() {
            break;
        }
    }
    let _ = to.shutdown().await;
}

// Each fault does what it says to a real connection through the proxy.
#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// An upstream that answers each line with the same line.
    async fn echo() -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            while let Ok((mut s, _)) = listener.accept().await {
                tokio::spawn(async move {
                    let mut b = [0; 1024];
                    while let Ok(n) = s.read(&mut b).await {
                        if n == 0 || s.write_all(&b[..n]).await.is_err() {
                            break;
                        }
                    }
                });
            }
        });
        addr
    }

    async fn round_trip(addr: SocketAddr) -> std::io::Result<Vec<u8>> {
        let mut s = TcpStream::connect(addr).await?;
        s.write_all(b"hello").await?;
        let mut b = [0; 5];
        s.read_exact(&mut b).await?;
        Ok(b.to_vec())
    }

    #[tokio::test]
    async fn forwards_when_no_fault_and_with_a_delay() {
        let proxy = FaultProxy::start(echo().await).await.unwrap();
        assert_eq!(round_trip(proxy.addr).await.unwrap(), b"hello");
        proxy.set(Fault::Delay(Duration::from_millis(5)));
        assert_eq!(round_trip(proxy.addr).await.unwrap(), b"hello");
    }

    #[tokio::test]
    async fn refuse_and_reset_end_new_connections() {
        let proxy = FaultProxy::start(echo().await).await.unwrap();
        for fault in [Fault::Refuse, Fault::Reset] {
            proxy.set(fault);
            assert!(round_trip(proxy.addr).await.is_err(), "{fault:?}");
        }
        proxy.set(Fault::None);
        assert_eq!(round_trip(proxy.addr).await.unwrap(), b"hello");
    }

    #[tokio::test]
    async fn cut_severs_an_open_connection() {
        let proxy = FaultProxy::start(echo().await).await.unwrap();
        let mut open = TcpStream::connect(proxy.addr).await.unwrap();
        open.write_all(b"a").await.unwrap();
        let mut b = [0; 1];
        open.read_exact(&mut b).await.unwrap();
        proxy.set(Fault::Cut);
        // The proxy closes its side: the next read ends (0 bytes) or fails.
        let mut rest = [0; 1];
        assert!(matches!(open.read(&mut rest).await, Ok(0) | Err(_)));
    }

    #[tokio::test]
    async fn a_black_hole_answers_nothing_until_it_ends() {
        let proxy = FaultProxy::start(echo().await).await.unwrap();
        proxy.set(Fault::BlackHole);
        let held = tokio::spawn(round_trip(proxy.addr));
        // Nothing comes back while the fault lasts; the connection is closed after.
        while proxy.judged() == 0 {
            tokio::task::yield_now().await;
        }
        assert!(!held.is_finished());
        proxy.set(Fault::None);
        assert!(held.await.unwrap().is_err());
    }
}
