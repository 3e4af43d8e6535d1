//! Every kind of refusal, on both vendors, provoked by a request whose headers and
//! parameters carry planted values: none of them may come back in the answer, in
//! `Server::refusals` or in the line the refusal hook is given (what the binary prints). A
//! refusal says what is wrong (the header, the part of it, the parameter, the rule), never
//! what was sent: a header or a parameter may be a secret.

use std::sync::{Arc, Mutex};

use super::client::{AcsCall, HttpResponse, TcCall, exchange};
use super::start_with;
use crate::{Server, ServerConfig};

/// Every planted value that can contain letters contains this. It is compared in lowercase:
/// TC3 lowercases header values in its canonical form, so a lowercased echo must be caught
/// too. Values that cannot contain it (timestamps, dates, signatures) are listed per case.
const MARK: &str = "sentinel";

const SUBMIT: &str = "CertificateOrderSubmit";
const SUBMIT_BODY: &str = r#"{"CertId":"sentinel-cert-id","VerifyType":"DNS"}"#;

/// A second key of each vendor, temporary: its requests must carry this server's token.
const TOKEN_KEY_ID: &str = "AKIDtokenkey";
const TOKEN_KEY_SECRET: &str = "token-key-secret";
const GOOD_TOKEN: &str = "sentinel-expected-token";

/// What a case sends, in order: every request but the last must be accepted, the last
/// refused with `code`.
struct Case {
    name: &'static str,
    code: &'static str,
    requests: Vec<Vec<u8>>,
    /// Values the requests carried that cannot contain [`MARK`].
    also: Vec<String>,
}

impl Case {
    fn new(name: &'static str, code: &'static str, request: Vec<u8>) -> Case {
        Case {
            name,
            code,
            requests: vec![request],
            also: Vec::new(),
        }
    }

    fn also(mut self, values: &[&str]) -> Case {
        self.also.extend(values.iter().map(|v| (*v).to_owned()));
        self
    }
}

/// The head of `request` split into lines, and its body.
fn split(request: &[u8]) -> (Vec<Vec<u8>>, Vec<u8>) {
    let end = request
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a request head");
    let lines = request[..end]
        .split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line).to_vec())
        .collect();
    (lines, request[end + 4..].to_vec())
}

fn join(lines: Vec<Vec<u8>>, body: &[u8]) -> Vec<u8> {
    let mut out = lines.join(&b"\r\n"[..]);
    out.extend_from_slice(b"\r\n\r\n");
    out.extend_from_slice(body);
    out
}

/// `request` with header `name` set to `value` (in place of the one sent, or added), or
/// without it for `None`.
fn header(request: &[u8], name: &str, value: Option<&[u8]>) -> Vec<u8> {
    let (lines, body) = split(request);
    let is_it = |line: &[u8]| {
        line.split(|&b| b == b':')
            .next()
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
    };
    let mut lines: Vec<Vec<u8>> = lines.into_iter().filter(|l| !is_it(l)).collect();
    if let Some(value) = value {
        let mut line = format!("{name}: ").into_bytes();
        line.extend_from_slice(value);
        lines.push(line);
    }
    join(lines, &body)
}

/// `request` declaring a body far over the cap and sending none of it: refused at once.
fn declared_too_large(request: &[u8]) -> Vec<u8> {
    let (lines, _) = split(request);
    let length = (crate::limits::DRAIN_LIMIT + 1).to_string();
    header(&join(lines, b""), "Content-Length", Some(length.as_bytes()))
}

/// `request` with another method.
fn method(request: &[u8], method: &str) -> Vec<u8> {
    let at = request.iter().position(|&b| b == b' ').expect("a method");
    let mut out = method.as_bytes().to_vec();
    out.extend_from_slice(&request[at..]);
    out
}

/// Values planted in every Tencent request besides the case's own: an unsigned region and
/// a header the server does not read.
fn tc_planted(request: Vec<u8>) -> Vec<u8> {
    let request = header(&request, "X-TC-Region", Some(b"sentinel-region"));
    header(&request, "X-Extra", Some(b"sentinel-extra"))
}

fn tc_call(server: &Server) -> TcCall {
    TcCall::new(server, SUBMIT, SUBMIT_BODY)
}

fn tc_bytes(call: &TcCall) -> Vec<u8> {
    tc_planted(call.to_bytes())
}

fn tc_with_authorization(server: &Server, authorization: &[u8]) -> Vec<u8> {
    header(
        &tc_bytes(&tc_call(server)),
        "Authorization",
        Some(authorization),
    )
}

/// The value of `Signature=` in an Authorization header value.
fn signature_of(authorization: &str) -> String {
    let at = authorization.find("Signature=").expect("a signature") + "Signature=".len();
    authorization[at..].to_owned()
}

fn tencent_cases(server: &Server) -> Vec<Case> {
    let call = tc_call(server);
    let good = call.authorization();
    let with = |f: &dyn Fn(&mut TcCall)| {
        let mut call = tc_call(server);
        f(&mut call);
        call
    };
    let auth = |value: &str| tc_with_authorization(server, value.as_bytes());
    let invalid = "AuthFailure.InvalidAuthorization";
    let body = |body: &str| tc_bytes(&TcCall::new(server, SUBMIT, body));
    let wrong_secret = with(&|c| c.secret = "sentinel-secret".into());
    let expired = with(&|c| c.timestamp = 1_111_111_111);
    vec![
        Case::new(
            "another method",
            "UnsupportedProtocol",
            method(&tc_bytes(&call), "SENTINELMETHOD"),
        ),
        Case::new(
            "no Authorization",
            invalid,
            header(&tc_bytes(&call), "Authorization", None),
        ),
        Case::new(
            "Authorization of another algorithm",
            invalid,
            auth(&good.replacen("TC3-HMAC-SHA256", "SENTINEL-HMAC", 1)),
        ),
        Case::new(
            "Authorization part that is not key=value",
            invalid,
            auth(&format!("{good}, sentinel-part")),
        ),
        Case::new(
            "unknown Authorization part",
            invalid,
            auth(&format!("{good}, SentinelPart=sentinel-value")),
        ),
        Case::new(
            "repeated Authorization part",
            invalid,
            auth(&format!("{good}, Signature=sentinel-signature")),
        ),
        Case::new(
            "Authorization that is not UTF-8",
            invalid,
            tc_with_authorization(server, b"TC3-HMAC-SHA256 Credential=sentinel-\xff"),
        ),
        Case::new(
            "Credential that is not a TC3 scope",
            invalid,
            auth(
                "TC3-HMAC-SHA256 Credential=sentinel-id/sentinel-scope, SignedHeaders=content-type;host, Signature=sentinel-signature",
            ),
        ),
        Case::new(
            "SignedHeaders in uppercase",
            invalid,
            auth(&good.replacen(
                "content-type;host;x-tc-action",
                "Content-Type;Host;Sentinel-Header",
                1,
            )),
        ),
        Case::new(
            "SignedHeaders without host",
            invalid,
            auth(&good.replacen(
                "content-type;host;x-tc-action",
                "content-type;x-tc-action",
                1,
            )),
        ),
        Case::new(
            "empty Signature",
            invalid,
            auth(
                "TC3-HMAC-SHA256 Credential=sentinel-id/2024-01-01/ssl/tc3_request, SignedHeaders=content-type;host, Signature=",
            ),
        ),
        Case::new(
            "no Signature",
            invalid,
            auth(
                "TC3-HMAC-SHA256 Credential=sentinel-id/2024-01-01/ssl/tc3_request, SignedHeaders=content-type;host",
            ),
        ),
        Case::new(
            "unknown SecretId",
            "AuthFailure.SecretIdNotFound",
            tc_bytes(&with(&|c| c.id = "AKIDsentinel".into())),
        ),
        Case::new(
            "no X-TC-Timestamp",
            "MissingParameter",
            header(&tc_bytes(&call), "X-TC-Timestamp", None),
        ),
        Case::new(
            "X-TC-Timestamp that is no number",
            "InvalidParameter",
            header(&tc_bytes(&call), "X-TC-Timestamp", Some(b"sentinel-time")),
        ),
        Case::new(
            "expired X-TC-Timestamp",
            "AuthFailure.SignatureExpire",
            tc_bytes(&expired),
        )
        .also(&[
            "1111111111",
            "2005-03-18",
            &signature_of(&expired.authorization()),
        ]),
        Case::new(
            "scope date that is not the timestamp's",
            "AuthFailure.SignatureFailure",
            tc_bytes(&with(&|c| c.scope_date = Some("sentinel-date".into()))),
        ),
        Case::new(
            "wrong signature",
            "AuthFailure.SignatureFailure",
            tc_bytes(&wrong_secret),
        )
        .also(&[&signature_of(&wrong_secret.authorization())]),
        Case::new(
            "token of another key",
            "AuthFailure.TokenFailure",
            tc_bytes(&with(&|c| {
                c.id = TOKEN_KEY_ID.into();
                c.secret = TOKEN_KEY_SECRET.into();
                c.token = Some("sentinel-token".into());
            })),
        ),
        Case::new(
            "unknown product",
            "NoSuchProduct",
            tc_bytes(&with(&|c| c.service = "sentinelproduct".into())),
        ),
        Case::new(
            "no X-TC-Version",
            "MissingParameter",
            header(&tc_bytes(&call), "X-TC-Version", None),
        ),
        Case::new(
            "unknown version",
            "NoSuchVersion",
            tc_bytes(&with(&|c| c.version = "sentinel-version".into())),
        ),
        Case::new(
            "unknown action",
            "InvalidAction",
            tc_bytes(&with(&|c| c.action = "SentinelAction".into())),
        ),
        Case::new(
            "body that is no JSON object",
            "InvalidParameter",
            body(r#"["sentinel-body"]"#),
        ),
        Case::new(
            "missing parameter",
            "MissingParameter",
            body(r#"{"VerifyType":"sentinel-verify-type"}"#),
        ),
        Case::new(
            "unknown parameter",
            "UnknownParameter",
            body(r#"{"CertId":"sentinel-cert-id","Unknown":"sentinel-unknown"}"#),
        ),
        Case::new(
            "parameter of the wrong type",
            "InvalidParameter",
            body(r#"{"CertId":"sentinel-cert-id","DeleteDnsAutoRecord":"sentinel-number"}"#),
        ),
        Case::new(
            "parameter outside its value set",
            "InvalidParameterValue",
            body(r#"{"CertId":"sentinel-cert-id","VerifyType":"sentinel-verify-type"}"#),
        ),
        Case::new(
            "neither vendor's action header",
            "BadRequest",
            header(&tc_bytes(&call), "X-TC-Action", None),
        ),
        Case::new(
            "body over the cap",
            "RequestSizeLimitExceeded",
            declared_too_large(&tc_bytes(&with(&|c| c.action = "SentinelAction".into()))),
        ),
    ]
}

/// The parameters of a valid `CreateCertificateWithCsrRequest`, every one planted.
fn planted_csr_params() -> Vec<(&'static str, &'static str)> {
    vec![
        ("Csr", "sentinel-csr"),
        ("Username", "sentinel-user"),
        ("Phone", "sentinel-phone"),
        ("Email", "sentinel@example.com"),
        ("ValidateType", "DNS"),
    ]
}

/// A valid Alibaba call with planted parameters and an unsigned header the server does not
/// read.
fn acs_call(server: &Server) -> AcsCall {
    let mut call = AcsCall::new(
        server,
        "CreateCertificateWithCsrRequest",
        &planted_csr_params(),
    );
    call.unsigned_headers = vec![("x-extra".into(), "sentinel-extra".into())];
    call
}

fn alibaba_cases(server: &Server) -> Vec<Case> {
    let call = acs_call(server);
    let with = |f: &dyn Fn(&mut AcsCall)| {
        let mut call = acs_call(server);
        f(&mut call);
        call.to_bytes()
    };
    let with_params = |params: Vec<(&str, &str)>| {
        with(&|c| {
            c.params = params
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect();
        })
    };
    let auth = |value: &str| header(&call.to_bytes(), "Authorization", Some(value.as_bytes()));
    let incomplete = "IncompleteSignature";
    let good = "ACS3-HMAC-SHA256 Credential=sentinel-id,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=sentinel-signature";
    let wrong_secret = {
        let mut call = acs_call(server);
        call.secret = "sentinel-secret".into();
        call.to_bytes()
    };
    let sent_signature = {
        let text = String::from_utf8_lossy(&wrong_secret).into_owned();
        let line = text
            .lines()
            .find(|l| l.starts_with("Authorization:"))
            .expect("an Authorization line")
            .to_owned();
        signature_of(&line)
    };
    let nonce_reused = with(&|c| c.nonce = "sentinel-nonce".into());
    let mut missing_email = planted_csr_params();
    missing_email.retain(|(n, _)| *n != "Email");
    let mut unknown = planted_csr_params();
    unknown.push(("Extra", "sentinel-extra-value"));
    let mut twice = planted_csr_params();
    twice.push(("Csr", "sentinel-csr-again"));
    let mut outside = planted_csr_params();
    outside.retain(|(n, _)| *n != "ValidateType");
    outside.push(("ValidateType", "sentinel-validate-type"));
    let expired = acs_call(server).at(1_111_111_111);
    vec![
        Case::new(
            "another method",
            "UnsupportedHTTPMethod",
            method(&call.to_bytes(), "SENTINELMETHOD"),
        ),
        Case::new(
            "no Authorization",
            incomplete,
            header(&call.to_bytes(), "Authorization", None),
        ),
        Case::new(
            "Authorization of another algorithm",
            incomplete,
            auth(&good.replacen("ACS3-HMAC-SHA256", "SENTINEL-HMAC", 1)),
        ),
        Case::new(
            "Authorization part that is not key=value",
            incomplete,
            auth(&format!("{good},sentinel-part")),
        ),
        Case::new(
            "unknown Authorization part",
            incomplete,
            auth(&format!("{good},SentinelPart=sentinel-value")),
        ),
        Case::new(
            "x-acs header not signed",
            incomplete,
            with(&|c| {
                c.unsigned_headers
                    .push(("x-acs-extra".into(), "sentinel-unsigned".into()));
            }),
        ),
        Case::new(
            "unknown AccessKeyId",
            "InvalidAccessKeyId.NotFound",
            with(&|c| c.id = "sentinel-key-id".into()),
        ),
        Case::new(
            "no x-acs-date",
            "MissingParameter",
            header(&call.to_bytes(), "x-acs-date", None),
        ),
        Case::new(
            "x-acs-date that is no date",
            "InvalidTimeStamp.Format",
            with(&|c| c.date = "sentinel-date".into()),
        ),
        Case::new(
            "expired x-acs-date",
            "InvalidTimeStamp.Expired",
            expired.to_bytes(),
        )
        .also(&["2005-03-18T01:58:31Z", "1111111111"]),
        Case::new("wrong signature", "SignatureDoesNotMatch", wrong_secret)
            .also(&[&sent_signature]),
        Case::new(
            "body that is not the declared one",
            "SignatureDoesNotMatch",
            with(&|c| c.body = b"sentinel-body".to_vec()),
        ),
        Case::new(
            "token of another key",
            "InvalidSecurityToken.MismatchWithAccessKey",
            with(&|c| {
                c.id = TOKEN_KEY_ID.into();
                c.secret = TOKEN_KEY_SECRET.into();
                c.token = Some("sentinel-token".into());
            }),
        ),
        Case {
            name: "nonce used before",
            code: "SignatureNonceUsed",
            requests: vec![nonce_reused.clone(), nonce_reused],
            also: Vec::new(),
        },
        Case::new(
            "unknown version",
            "InvalidVersion",
            with(&|c| c.version = "sentinel-version".into()),
        ),
        Case::new(
            "unknown action",
            "InvalidApi.NotFound",
            with(&|c| c.action = "SentinelAction".into()),
        ),
        Case::new(
            "missing parameter",
            "MissingParameter",
            with_params(missing_email),
        ),
        Case::new(
            "unknown parameter",
            "InvalidParameter",
            with_params(unknown),
        ),
        Case::new(
            "parameter given twice",
            "InvalidParameter",
            with_params(twice),
        ),
        Case::new(
            "parameter of the wrong type",
            "InvalidParameter",
            with(&|c| {
                c.action = "ListCert".into();
                c.params = vec![("CurrentPage".into(), "sentinel-page".into())];
            }),
        ),
        Case::new(
            "parameter outside its value set",
            "InvalidParameter",
            with_params(outside),
        ),
        Case::new(
            "neither vendor's action header",
            "BadRequest",
            header(&call.to_bytes(), "x-acs-action", None),
        ),
        Case::new(
            "body over the cap",
            "PayloadTooLarge",
            declared_too_large(&with(&|c| c.action = "SentinelAction".into())),
        ),
    ]
}

/// The lines the refusal hook is given, as the binary prints them.
type Printed = Arc<Mutex<Vec<String>>>;

async fn server_printing_refusals(config: ServerConfig) -> (Server, Printed) {
    let printed = Printed::default();
    let lines = Arc::clone(&printed);
    let config = config
        .tencent_key(TOKEN_KEY_ID, TOKEN_KEY_SECRET, Some(GOOD_TOKEN))
        .alibaba_key(TOKEN_KEY_ID, TOKEN_KEY_SECRET, Some(GOOD_TOKEN))
        .on_refusal(move |refusal| lines.lock().expect("lock").push(format!("{refusal}")));
    (start_with(config).await, printed)
}

fn response_text(response: &HttpResponse) -> String {
    let mut text = format!("{} {:?} ", response.status, response.headers);
    text.push_str(&String::from_utf8_lossy(&response.body));
    text
}

/// Sends the requests of `case` and checks that the last one, and only that one, was
/// refused with the case's code, and that nothing the server said quotes a planted value.
async fn check(case: &Case, server: &Server, printed: &Printed) -> Result<(), String> {
    let sent = case.requests.concat().to_ascii_lowercase();
    if !sent.windows(MARK.len()).any(|w| w == MARK.as_bytes()) {
        return Err("nothing planted".to_owned());
    }
    let mut answers = Vec::new();
    for request in &case.requests {
        let answer = exchange(server.addr(), request)
            .await
            .map_err(|e| format!("exchange: {e}"))?
            .ok_or("no answer")?;
        answers.push(answer);
    }
    let refusals = server.refusals();
    let [refusal] = refusals.as_slice() else {
        return Err(format!("{} refusals: {refusals:?}", refusals.len()));
    };
    if refusal.code != case.code {
        return Err(format!("refused with {}, not {}", refusal.code, case.code));
    }
    let mut said: Vec<String> = answers.iter().map(response_text).collect();
    said.push(format!("{refusal:?} {refusal}"));
    said.extend(printed.lock().expect("lock").iter().cloned());
    let said = said.join("\n").to_lowercase();
    let planted =
        std::iter::once(MARK.to_owned()).chain(case.also.iter().map(|v| v.to_lowercase()));
    for value in planted {
        if said.contains(&value) {
            return Err(format!("quotes `{value}`:\n{said}"));
        }
    }
    Ok(())
}

/// Runs every case on a fresh server (so that each refusal is the only one) and reports
/// every case that failed.
async fn check_all(cases: impl Fn(&Server) -> Vec<Case>) {
    let (first, _) = server_printing_refusals(ServerConfig::new()).await;
    let mut failures = Vec::new();
    // The cases name the first server in their Host header, which is signed but not compared
    // with the address that received it: they are as valid on any server.
    for case in cases(&first) {
        let (server, printed) = server_printing_refusals(ServerConfig::new()).await;
        if let Err(e) = check(&case, &server, &printed).await {
            failures.push(format!("{}: {e}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[tokio::test]
async fn no_tencent_refusal_quotes_what_the_request_carried() {
    check_all(tencent_cases).await;
}

#[tokio::test]
async fn no_alibaba_refusal_quotes_what_the_request_carried() {
    check_all(alibaba_cases).await;
}

/// The built-in spec with `from` replaced by `to` in the line of the file `path`, so that
/// the spec's checks accept what the generated types do not decode.
fn bundle_with(changes: &[(&str, &str, &str)]) -> &'static str {
    let mut lines: Vec<String> = cloudapi::SPEC.lines().map(str::to_owned).collect();
    for (path, from, to) in changes {
        let prefix = format!("\"{path}\": ");
        let line = lines
            .iter_mut()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("no {path} in the bundle"));
        assert!(line.contains(from), "{path} has no {from}");
        *line = line.replacen(from, to, 1);
    }
    // Served until the process ends, as a bundle must be.
    Box::leak(lines.join("\n").into_boxed_str())
}

#[tokio::test]
async fn a_request_the_answer_function_cannot_decode_is_refused_quoting_nothing() {
    use cloudapi::alibaba::cas as ali;
    use cloudapi::tencent::ssl as tc;

    // A certificate ID the spec takes as a number, a page number it takes as text: the
    // spec's checks pass, the generated request types do not decode them.
    let bundle = bundle_with(&[
        (
            "tencent/ssl/actions/CertificateOrderSubmit.json",
            r#""name":"CertId","required":true,"type":"string""#,
            r#""name":"CertId","required":true,"type":"int64""#,
        ),
        (
            "alibaba/cas/actions/ListCert.json",
            r#""name":"CurrentPage","required":false,"type":"int64""#,
            r#""name":"CurrentPage","required":false,"type":"string""#,
        ),
    ]);
    let config = || ServerConfig::new().spec_json(bundle);

    let (server, printed) = server_printing_refusals(config()).await;
    server.respond_with(
        tc::Client::certificate_order_submit,
        |_: &tc::CertificateOrderSubmitRequest| -> Result<tc::CertificateOrderSubmitResponse, tc::CertificateOrderSubmitError> {
            panic!("decoded")
        },
    );
    let body = r#"{"CertId":98765432101}"#;
    let case = Case::new(
        "Tencent",
        "InternalError",
        tc_bytes(&TcCall::new(&server, SUBMIT, body)),
    )
    .also(&["98765432101"]);
    check(&case, &server, &printed).await.unwrap();
    let refusal = &server.refusals()[0];
    assert!(refusal.message.contains("does not decode"), "{refusal}");

    let (server, printed) = server_printing_refusals(config()).await;
    server.respond_with(
        ali::Client::list_cert,
        |_: &ali::ListCertRequest| -> Result<ali::ListCertResponse, ali::ListCertError> {
            panic!("decoded")
        },
    );
    let mut call = AcsCall::new(&server, "ListCert", &[("CurrentPage", "sentinel-page")]);
    call.unsigned_headers = vec![("x-extra".into(), "sentinel-extra".into())];
    let case = Case::new("Alibaba", "InternalError", call.to_bytes());
    check(&case, &server, &printed).await.unwrap();
    let refusal = &server.refusals()[0];
    assert!(refusal.message.contains("does not decode"), "{refusal}");
}
