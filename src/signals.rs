//! Stopping cleanly: Ctrl-C (SIGINT) and SIGTERM end `serve` and `build --watch` the same way.

/// Resolves on the first SIGINT or SIGTERM.
pub async fn stop() {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut interrupt), Ok(mut terminate)) = (
        signal(SignalKind::interrupt()),
        signal(SignalKind::terminate()),
    ) else {
        // Without signal handlers, the default action (ending the process) still applies.
        return std::future::pending().await;
    };
    tokio::select! {
        _ = interrupt.recv() => {}
        _ = terminate.recv() => {}
    }
}
