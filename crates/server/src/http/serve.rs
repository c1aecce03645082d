//! Accepting connections: hyper's HTTP/1 server with a deadline for a request's
//! headers, and graceful shutdown.
//!
//! `axum::serve` sets no timer, so a client that trickles its headers holds its
//! connection open forever; enough of them exhaust the process. Here a connection
//! that has not sent a whole request head within [`HEADER_TIMEOUT`] (counted from
//! when the server starts waiting for it, also on a kept-alive connection) is closed.
//! A request's body is bounded by the router's request timeout (60 s for everything,
//! body included). HTTP/1 only: the automatic HTTP/2 detection would first wait for
//! the client's opening bytes with no deadline at all, and TLS with HTTP/2 is the
//! reverse proxy's job.

use std::{future::Future, time::Duration};

use axum::{Router, extract::Request};
use hyper::body::Incoming;
use hyper::server::conn::http1::Builder;
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
};
use tokio::net::TcpListener;
use tower::Service;

/// Time requests in flight get to finish when the server stops.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// Time a client has to send a request's line and headers.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Answers on `listener` until `shutdown` completes, then lets the requests in flight
/// finish.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let mut builder = Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: pause rather than spin.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let router = router.clone();
        let service = hyper::service::service_fn(move |request: Request<Incoming>| {
            router.clone().call(request)
        });
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
        });
    }
    drop(listener);
    // Requests in flight may finish, but a client reading slowly cannot hold the
    // process forever.
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after the grace period; stopping anyway");
    }
    Ok(())
}
