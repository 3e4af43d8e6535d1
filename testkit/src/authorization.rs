//! The Authorization header both vendors use:
//! `<ALGORITHM> Credential=…,SignedHeaders=a;b,Signature=HEX` (Tencent puts a
//! space after each comma, Alibaba none; both are accepted).

/// The three parts, checked for presence and form but not interpreted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Parts {
    pub(crate) credential: String,
    /// The SignedHeaders value exactly as sent: it is part of the canonical request verbatim.
    pub(crate) signed_headers_raw: String,
    pub(crate) signed_headers: Vec<String>,
    pub(crate) signature: String,
}

/// Splits an Authorization header value; the error text says what is wrong,
/// for the vendor error message. It names the parts and the expected form and
/// never quotes the header: a part that does not parse may hold a signature.
pub(crate) fn split(value: &[u8], algorithm: &str) -> Result<Parts, String> {
    let text = std::str::from_utf8(value).map_err(|_| "Authorization is not UTF-8".to_owned())?;
    let rest = text
        .trim()
        .strip_prefix(algorithm)
        .filter(|r| r.starts_with(' '))
        .ok_or_else(|| format!("Authorization must start with `{algorithm} `"))?;
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (key, val) = part
            .trim()
            .split_once('=')
            .ok_or("an Authorization part is not key=value")?;
        let slot = match key {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed,
            "Signature" => &mut signature,
            _ => {
                return Err(
                    "an Authorization part is not Credential, SignedHeaders or Signature"
                        .to_owned(),
                );
            }
        };
        if slot.replace(val.to_owned()).is_some() {
            return Err(format!("Authorization part `{key}` is repeated"));
        }
    }
    let credential: String = credential.ok_or("Authorization lacks Credential")?;
    let signed_headers_raw: String = signed.ok_or("Authorization lacks SignedHeaders")?;
    let signature: String = signature.ok_or("Authorization lacks Signature")?;
    if credential.is_empty() || signature.is_empty() {
        return Err("Credential and Signature must not be empty".to_owned());
    }
    let signed_headers: Vec<String> = signed_headers_raw.split(';').map(str::to_owned).collect();
    if signed_headers
        .iter()
        .any(|h| h.is_empty() || h.bytes().any(|c| c.is_ascii_uppercase()))
    {
        return Err("SignedHeaders must be non-empty lowercase header names".to_owned());
    }
    Ok(Parts {
        credential,
        signed_headers_raw,
        signed_headers,
        signature,
    })
}
