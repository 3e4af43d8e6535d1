//! Packs the documented spec into the binary at about a sixth of its size.
//!
//! The spec comes from the bindings crate's `spec-docs.json` (what its
//! `spec-docs` feature embeds as text), which `cargo xtask gen` writes one
//! file per line, `"path": {…},`. Vendor and service files stay text: every
//! command lists vendors and products from them. Each product's actions and
//! shared types are deflated into one block, which a command unpacks only
//! for the product it names.
//!
//! Writes to `OUT_DIR`: `spec-plain.json` (the text lines), `spec-packed.bin`
//! (the blocks, one after another) and `spec_packed.rs` (which product each
//! block holds, and where it is).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::{env, fs};

/// miniz_oxide's levels run 0 to 10; 9 packs this JSON about as well as 10,
/// in a fraction of the time.
const LEVEL: u8 = 9;

fn main() {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let bundle_path = manifest.join("../generated/spec-docs.json");
    println!("cargo::rerun-if-changed={}", bundle_path.display());
    let bundle = fs::read_to_string(&bundle_path).unwrap_or_else(|error| {
        panic!(
            "{}: {error} (run `cargo xtask gen` in the checkout)",
            bundle_path.display()
        )
    });

    let mut plain = Vec::new();
    let mut products: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for line in bundle
        .lines()
        .filter(|line| !matches!(*line, "{" | "}" | ""))
    {
        let line = line.strip_suffix(',').unwrap_or(line);
        let path = line
            .strip_prefix('"')
            .and_then(|rest| rest.split_once('"'))
            .map(|(path, _)| path)
            .unwrap_or_else(|| panic!("not a `\"path\": {{…}}` line of a bundle: {line:.80}"));
        match product_of(path) {
            Some(product) => products.entry(product).or_default().push(line),
            None => plain.push(line),
        }
    }

    let out = PathBuf::from(env::var_os("OUT_DIR").expect("set by cargo"));
    fs::write(out.join("spec-plain.json"), plain.join("\n")).expect("OUT_DIR is writable");
    let mut packed = Vec::new();
    let mut index = String::from(
        "/// Each product's actions and shared types, one deflated block of\n\
         /// `\"path\": {…}` lines each: (`vendor/product`, start, end in [`PACKED`]).\n\
         pub const BLOCKS: &[(&str, usize, usize)] = &[\n",
    );
    for (product, lines) in &products {
        let start = packed.len();
        packed.extend(miniz_oxide::deflate::compress_to_vec(
            lines.join("\n").as_bytes(),
            LEVEL,
        ));
        writeln!(index, "    ({product:?}, {start}, {}),", packed.len()).expect("to a String");
    }
    index.push_str("];\n");
    fs::write(out.join("spec-packed.bin"), &packed).expect("OUT_DIR is writable");
    fs::write(out.join("spec_packed.rs"), index).expect("OUT_DIR is writable");
}

/// `vendor/product` for the files a product's block holds (its actions and
/// types); `None` for vendor and service files, which stay text.
fn product_of(path: &str) -> Option<&str> {
    let mut parts = path.splitn(3, '/');
    let (vendor, product, rest) = (parts.next()?, parts.next()?, parts.next()?);
    (rest != "service.json").then(|| &path[..vendor.len() + 1 + product.len()])
}
