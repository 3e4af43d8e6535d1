//! An error's chain of causes as one line, for messages that must say what
//! happened underneath without a backtrace.

/// An error and its causes, outermost first, joined with `: `; a cause
/// whose text the previous one already contains is left out. This is how a
/// transport failure names what happened underneath ("error sending request:
/// client error (Connect): dns error: failed to lookup address information:
/// Name or service not known").
pub(crate) fn cause_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let part = cause.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = cause.source();
    }
    text
}
