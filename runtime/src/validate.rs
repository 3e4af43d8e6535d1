//! Client-side checks of documented constraints, run before signing.
//!
//! Generated requests implement [`Validate`]; a [`Validator`] collects every
//! problem with the path of the field. Messages name fields and limits,
//! never values: a value may be a private key.

/// A request or shape whose documented constraints can be checked.
pub trait Validate {
    /// Records every broken constraint in `v`; the default checks nothing.
    fn validate(&self, v: &mut Validator) {
        let _ = v;
    }

    /// The request's idempotency token (Tencent `ClientToken`), if it has
    /// one: the transport fills it once per call when it is unset or empty.
    fn idempotency_token(&mut self) -> Option<&mut Option<String>> {
        None
    }
}

/// Collects problems, each prefixed with the path of its field.
#[derive(Debug, Default)]
pub struct Validator {
    path: Vec<String>,
    problems: Vec<String>,
}

impl Validator {
    /// Checks `value` and returns every problem found.
    pub fn check<T: Validate + ?Sized>(value: &T) -> Vec<String> {
        let mut validator = Validator::default();
        value.validate(&mut validator);
        validator.problems
    }

    fn report(&mut self, field: &str, problem: impl std::fmt::Display) {
        let mut path = self.path.join(".");
        if !path.is_empty() {
            path.push('.');
        }
        self.problems.push(format!("{path}{field}: {problem}"));
    }

    /// A required text must not be empty.
    pub fn non_empty(&mut self, field: &str, value: &str) {
        if value.is_empty() {
            self.report(field, "must not be empty");
        }
    }

    /// Length in characters within `min..=max`.
    pub fn length(&mut self, field: &str, value: &str, min: Option<u64>, max: Option<u64>) {
        let len = value.chars().count() as u64;
        if let Some(min) = min.filter(|min| len < *min) {
            self.report(
                field,
                format_args!("must be at least {min} characters long, is {len}"),
            );
        }
        if let Some(max) = max.filter(|max| len > *max) {
            self.report(
                field,
                format_args!("must be at most {max} characters long, is {len}"),
            );
        }
    }

    /// Number of elements within `min..=max`.
    pub fn items(&mut self, field: &str, len: usize, min: Option<u64>, max: Option<u64>) {
        let len = len as u64;
        if let Some(min) = min.filter(|min| len < *min) {
            self.report(
                field,
                format_args!("must have at least {min} items, has {len}"),
            );
        }
        if let Some(max) = max.filter(|max| len > *max) {
            self.report(
                field,
                format_args!("must have at most {max} items, has {len}"),
            );
        }
    }

    /// A number within `min..=max`.
    pub fn range(&mut self, field: &str, value: i128, min: Option<i64>, max: Option<i64>) {
        if min.is_some_and(|min| value < i128::from(min))
            || max.is_some_and(|max| value > i128::from(max))
        {
            let min = min.map_or("-∞".to_string(), |m| m.to_string());
            let max = max.map_or("∞".to_string(), |m| m.to_string());
            self.report(field, format_args!("must be between {min} and {max}"));
        }
    }

    /// Text that must not start with any of `prefixes` nor contain any of `parts`.
    pub fn forbidden(&mut self, field: &str, value: &str, prefixes: &[&str], parts: &[&str]) {
        for prefix in prefixes.iter().filter(|p| value.starts_with(**p)) {
            self.report(field, format_args!("must not start with `{prefix}`"));
        }
        for part in parts.iter().filter(|p| value.contains(**p)) {
            self.report(field, format_args!("must not contain `{part}`"));
        }
    }

    /// Checks a nested shape under `field`.
    pub fn nested<T: Validate + ?Sized>(&mut self, field: &str, value: &T) {
        self.path.push(field.to_string());
        value.validate(self);
        self.path.pop();
    }

    /// Checks every element of a list of shapes, as `field[i]`.
    pub fn each<T: Validate>(&mut self, field: &str, values: &[T]) {
        for (i, value) in values.iter().enumerate() {
            self.nested(&format!("{field}[{i}]"), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Tag(String);
    impl Validate for Tag {
        fn validate(&self, v: &mut Validator) {
            v.non_empty("Key", &self.0);
            v.length("Key", &self.0, None, Some(3));
            v.forbidden("Key", &self.0, &["acs:"], &["http://"]);
        }
    }
    struct Request(Vec<Tag>, i64);
    impl Validate for Request {
        fn validate(&self, v: &mut Validator) {
            v.items("Tags", self.0.len(), None, Some(2));
            v.each("Tags", &self.0);
            v.range("Count", i128::from(self.1), Some(1), Some(20));
        }
    }

    #[test]
    fn reports_every_problem_with_its_path_and_never_the_value() {
        let secretish = "acs:http://x";
        let request = Request(
            vec![Tag("ok".into()), Tag(String::new()), Tag(secretish.into())],
            0,
        );
        let problems = Validator::check(&request);
        assert_eq!(
            problems,
            vec![
                "Tags: must have at most 2 items, has 3",
                "Tags[1].Key: must not be empty",
                "Tags[2].Key: must be at most 3 characters long, is 12",
                "Tags[2].Key: must not start with `acs:`",
                "Tags[2].Key: must not contain `http://`",
                "Count: must be between 1 and 20",
            ]
        );
        assert!(problems.iter().all(|p| !p.contains(secretish)));
        assert!(Validator::check(&Request(vec![Tag("a".into())], 5)).is_empty());
    }
}
