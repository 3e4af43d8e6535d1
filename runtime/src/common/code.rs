//! The error code of an action called by name: the vendor's common codes
//! typed, any other code as the server sent it.

use std::fmt;
use std::hash::Hash;

use crate::error_code::ErrorCode;

/// A vendor's common error codes: the `CommonErrorCode` enum each generated
/// vendor module declares from its spec (authentication, throttling,
/// parameter checks), which every action can return.
pub trait CommonCode: Clone + fmt::Debug + Eq + Hash + Send + Sync + 'static {
    /// The common code `code` is, or `None` for any other code.
    fn from_code(code: &str) -> Option<Self>;
    /// The code as the server sends it, e.g. `AuthFailure.SignatureFailure`.
    fn code(&self) -> &'static str;
}

/// The error code of a call through a [`CommonClient`](super::CommonClient):
/// `ServiceError::code` of its [`Error`](crate::Error).
///
/// A code the vendor lists as common to every action is typed, exactly as in
/// the error enum of every generated action; the product's own codes, which
/// no spec describes here, are kept as sent. Whether a code is throttling or
/// server trouble (and so retried) is decided from the code the same way for
/// both kinds of client.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CommonCallError<C> {
    /// One of the vendor's common codes, e.g. `AuthFailure.SignatureFailure`.
    Common(C),
    /// Any other code, as sent: the product's own (`InvalidZone.MismatchRegion`).
    Product(String),
}

impl<C: CommonCode> CommonCallError<C> {
    /// Parses the code the server sent: a common code first, else kept as sent.
    pub fn from_code(code: &str) -> Self {
        match C::from_code(code) {
            Some(common) => CommonCallError::Common(common),
            None => CommonCallError::Product(code.to_owned()),
        }
    }

    /// The code as the server sent it.
    pub fn code(&self) -> &str {
        match self {
            CommonCallError::Common(common) => common.code(),
            CommonCallError::Product(code) => code,
        }
    }

    /// The typed common code, if it is one.
    pub fn common(&self) -> Option<&C> {
        match self {
            CommonCallError::Common(common) => Some(common),
            CommonCallError::Product(_) => None,
        }
    }
}

impl<C: CommonCode> ErrorCode for CommonCallError<C> {
    fn from_code(code: &str) -> Self {
        CommonCallError::from_code(code)
    }

    fn code(&self) -> &str {
        self.code()
    }
}

impl<C: CommonCode> fmt::Display for CommonCallError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A vendor with two common codes, standing in for a generated `CommonErrorCode`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    enum Shared {
        SignatureFailure,
        Throttled,
    }

    impl CommonCode for Shared {
        fn from_code(code: &str) -> Option<Self> {
            match code {
                "AuthFailure.SignatureFailure" => Some(Shared::SignatureFailure),
                "RequestLimitExceeded" => Some(Shared::Throttled),
                _ => None,
            }
        }

        fn code(&self) -> &'static str {
            match self {
                Shared::SignatureFailure => "AuthFailure.SignatureFailure",
                Shared::Throttled => "RequestLimitExceeded",
            }
        }
    }

    #[test]
    fn common_codes_are_typed_and_others_kept_as_sent() {
        let common = CommonCallError::<Shared>::from_code("AuthFailure.SignatureFailure");
        assert_eq!(common, CommonCallError::Common(Shared::SignatureFailure));
        assert_eq!(common.common(), Some(&Shared::SignatureFailure));
        assert_eq!(common.code(), "AuthFailure.SignatureFailure");
        let product = CommonCallError::<Shared>::from_code("InvalidZone.MismatchRegion");
        assert_eq!(
            product,
            CommonCallError::Product("InvalidZone.MismatchRegion".into())
        );
        assert_eq!(
            (product.common(), product.to_string().as_str()),
            (None, "InvalidZone.MismatchRegion")
        );
    }
}
