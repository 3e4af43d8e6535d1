//! The trait of every generated error-code enum.

/// A generated error-code enum: parsed from, and printed as, the wire code.
pub trait ErrorCode: Sized + std::fmt::Debug + Send + Sync + 'static {
    /// Parses the code the server sent; never fails (unknown codes are kept).
    fn from_code(code: &str) -> Self;
    /// The code as sent on the wire.
    fn code(&self) -> &str;
}
