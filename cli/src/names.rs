//! How spec names become command-line names: actions and members by their
//! wire names, as the vendors' CLIs take them (`DescribeCertificates`,
//! `--Limit`), and in kebab-case (`describe-certificates`, `--limit`).

use codegen::model::{Action, Waiter};
use heck::ToKebabCase;

/// The kebab-case spelling of a wire name.
pub fn kebab(wire: &str) -> String {
    wire.to_kebab_case()
}

/// Whether `given` names `action`, in either spelling.
pub fn is_action(action: &Action, given: &str) -> bool {
    action.name == given || kebab(&action.name) == given
}

/// A waiter's command, `wait <name>`: the action's object and the state
/// waited for, as in `certificate-issued` for DescribeCertificate's `Issued`;
/// the generated method's name (`describe-certificate-until-issued`) is its alias.
pub fn waiter(waiter: &Waiter) -> (String, String) {
    let alias = waiter.method.replace('_', "-");
    let (action, state) = waiter
        .method
        .split_once("_until_")
        .unwrap_or((&waiter.method, ""));
    // The first word of an action name is its verb: Describe, Get, Upload, …
    let object = action.split_once('_').map_or(action, |(_, rest)| rest);
    let name = format!("{object}_{state}").replace('_', "-");
    (name, alias)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_both_spellings() {
        assert_eq!(kebab("DescribeCertificates"), "describe-certificates");
        assert_eq!(kebab("CertificateId"), "certificate-id");
        assert_eq!(kebab("domainName"), "domain-name");
        assert_eq!(kebab("SSLPri"), "ssl-pri");
    }
}
