//! Reads a page makes while it renders.

/// A read a page makes while it renders on the server: a plain async
/// function, not a server function, so no endpoint answers it and nothing
/// outside a page's rendering can call it. Islands render these pages on
/// the server only (the islands router fetches the next page's HTML, never
/// its data), so the browser build gets a body that never runs, and the
/// read's code and the services stay out of the WASM.
macro_rules! render_read {
    (
        $(#[$attr:meta])*
        pub async fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> Result<$out:ty, UserError>
        $body:block
    ) => {
        $(#[$attr])*
        #[cfg(feature = "ssr")]
        pub async fn $name($($arg: $ty),*) -> Result<$out, UserError> $body

        $(#[$attr])*
        #[cfg(not(feature = "ssr"))]
        pub async fn $name($($arg: $ty),*) -> Result<$out, UserError> {
            $(let _ = $arg;)*
            Err(UserError::Transport)
        }
    };
}
