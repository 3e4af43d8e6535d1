//! The Tencent Cloud products: the metadata of the command line tools
//! (`tccli`, mainland, Chinese; `tccli-intl-en`, English) and the error codes
//! of the international Python SDK, at pinned versions from PyPI.

use std::path::Path;

use ::import::{ImportPlan, Input, tencent};
use codegen::load::raw::SourceSpec;

use super::pypi::{self, Package};

/// The mainland command line tool's metadata: every action, in Chinese.
/// `cargo xtask bench --only cli` runs this version of the tool itself.
pub(crate) const TCCLI: Package = Package {
    name: "tccli",
    version: "3.1.189.1",
};
/// The international tool's metadata: English text.
const TCCLI_INTL: Package = Package {
    name: "tccli-intl-en",
    version: "3.1.193.1",
};
/// The international Python SDK: the products' error codes in English.
const SDK_INTL: Package = Package {
    name: "tencentcloud-sdk-python-intl-en",
    version: "3.1.193",
};

/// One product: its short name and the folder of its API version
/// (`tccli/services/<name>/<folder>`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Product {
    pub name: &'static str,
    pub version_folder: &'static str,
}

/// The Tencent Cloud products in `spec/`.
pub(super) const PRODUCTS: &[Product] = &[
    Product {
        name: "ssl",
        version_folder: "v20191205",
    },
    Product {
        name: "dnspod",
        version_folder: "v20210323",
    },
    Product {
        name: "cdn",
        version_folder: "v20180606",
    },
    Product {
        name: "clb",
        version_folder: "v20180317",
    },
    Product {
        name: "teo",
        version_folder: "v20220901",
    },
];

/// The import plan of `product`, with the packages under `vendor_dir`.
pub(super) fn plan(
    vendor_dir: &Path,
    product: Product,
    options: &::import::ImportOptions,
) -> Result<ImportPlan, String> {
    let tccli = pypi::fetch(vendor_dir, TCCLI)?;
    let intl = pypi::fetch(vendor_dir, TCCLI_INTL)?;
    let sdk = pypi::fetch(vendor_dir, SDK_INTL)?;
    let service_dir = format!("tccli/services/{}/{}", product.name, product.version_folder);
    let error_codes = format!(
        "tencentcloud/{}/{}/errorcodes.py",
        product.name, product.version_folder
    );
    let texts = [
        pypi::read(&tccli, &format!("{service_dir}/api.json"))?,
        pypi::read(&tccli, &format!("{service_dir}/examples.json"))?,
        pypi::read(&intl, &format!("{service_dir}/api.json"))?,
        pypi::read(&intl, &format!("{service_dir}/examples.json"))?,
        pypi::read(&sdk, &error_codes)?,
    ];
    let input = |index: usize, package: Package, file: String, used_for: &str| Input {
        source: SourceSpec {
            name: package.name.into(),
            version: package.version.into(),
            file,
            used_for: used_for.into(),
        },
        text: &texts[index],
    };
    let sources = tencent::Sources {
        api: input(
            0,
            TCCLI,
            format!("{service_dir}/api.json"),
            "structure; Chinese text where no English exists",
        ),
        examples: Some(input(
            1,
            TCCLI,
            format!("{service_dir}/examples.json"),
            "examples of actions without English ones",
        )),
        english: Some(input(
            2,
            TCCLI_INTL,
            format!("{service_dir}/api.json"),
            "English text; actions only the international site has",
        )),
        english_examples: Some(input(
            3,
            TCCLI_INTL,
            format!("{service_dir}/examples.json"),
            "examples",
        )),
        error_codes: Some(input(
            4,
            SDK_INTL,
            error_codes.clone(),
            "the product's error codes, in English",
        )),
    };
    tencent::plan_product(&sources, options).map_err(|e| e.to_string())
}
