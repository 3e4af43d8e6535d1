//! The ways a listing action chooses its page: plain data, which the errors
//! about paging name as well as the pager.

/// How a listing action chooses its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// An input says how many items to skip (`Offset`).
    Offset,
    /// An input gives the page number, counted from 1 (`CurrentPage`).
    Page,
    /// An input carries the token the previous page's answer gave (`NextToken`).
    Token,
}
