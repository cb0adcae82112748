//! Locked files (issue 19, first part): the envelope, its checks, base64 and the passphrase
//! hint. The encryption itself is the browser's WebCrypto, tested in `tests/web.rs` and, against
//! an independent implementation (Node's crypto), in `tests/e2e/data.test.mjs`.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use waymark::domain::file::locked::{
    self, base64_decode, base64_encode, is_locked, strength, LockedError, Sealed, Strength,
};

#[test]
fn base64_is_rfc_4648() {
    // The test vectors of RFC 4648, section 10.
    for (plain, coded) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64_encode(plain.as_bytes()), coded);
        assert_eq!(base64_decode(coded).unwrap(), plain.as_bytes());
    }
    assert_eq!(base64_encode(&[0xfb, 0xff]), "+/8=");
    for bad in ["Zg=", "Zg", "Z===", "Zh==", "Zm9v!A==", "Zg==Zg==", "=Zm9"] {
        assert_eq!(base64_decode(bad), None, "{bad}");
    }
}

proptest! {
    #[test]
    fn base64_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        prop_assert_eq!(base64_decode(&base64_encode(&bytes)), Some(bytes));
    }
}

fn sealed() -> Sealed {
    Sealed {
        iterations: locked::ITERATIONS,
        salt: (0..16).collect(),
        iv: (100..112).collect(),
        data: vec![7; 40],
    }
}

#[test]
fn the_envelope_names_its_scheme_and_reads_back() {
    let text = locked::write(&sealed());
    assert!(is_locked(&text));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], "waymark-locked");
    assert_eq!(v["version"], 1);
    assert_eq!(v["kdf"]["name"], "PBKDF2");
    assert_eq!(v["kdf"]["hash"], "SHA-256");
    assert_eq!(v["kdf"]["iterations"], 600_000);
    assert_eq!(v["kdf"]["salt"], "AAECAwQFBgcICQoLDA0ODw==");
    assert_eq!(v["cipher"]["name"], "AES-GCM");
    assert_eq!(locked::read(&text), Ok(sealed()));
    // An ordinary Waymark file is not a locked one.
    assert!(!is_locked(r#"{"format":"waymark","schema_version":2}"#));
    assert!(!is_locked("[1,2]"));
    assert_eq!(
        locked::read(r#"{"format":"waymark"}"#),
        Err(LockedError::NotLocked)
    );
}

#[test]
fn a_damaged_or_unknown_envelope_is_refused_before_any_work() {
    let good: serde_json::Value = serde_json::from_str(&locked::write(&sealed())).unwrap();
    let with = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = good.clone();
        f(&mut v);
        locked::read(&v.to_string())
    };
    use LockedError::*;
    assert_eq!(with(&|v| v["version"] = 2.into()), Err(Unsupported));
    assert_eq!(
        with(&|v| v["kdf"]["hash"] = "SHA-1".into()),
        Err(Unsupported)
    );
    assert_eq!(
        with(&|v| v["cipher"]["name"] = "AES-CBC".into()),
        Err(Unsupported)
    );
    // Too few iterations is too weak to be ours; too many would keep a phone busy for minutes.
    assert_eq!(
        with(&|v| v["kdf"]["iterations"] = 1000.into()),
        Err(Unsupported)
    );
    assert_eq!(
        with(&|v| v["kdf"]["iterations"] = 50_000_000.into()),
        Err(Unsupported)
    );
    assert_eq!(with(&|v| v["kdf"]["salt"] = "AAEC".into()), Err(Damaged));
    assert_eq!(
        with(&|v| v["cipher"]["iv"] = "not base64!".into()),
        Err(Damaged)
    );
    assert_eq!(with(&|v| v["data"] = "AAAA".into()), Err(Damaged));
    assert_eq!(with(&|v| v["extra"] = 1.into()), Err(Damaged));
    assert_eq!(
        with(&|v| {
            v.as_object_mut().unwrap().remove("data");
        }),
        Err(Damaged)
    );
}

#[test]
fn the_passphrase_hint_in_plain_steps() {
    assert_eq!(strength(""), Strength::TooShort);
    assert_eq!(strength("abcdefg"), Strength::TooShort);
    // Counted in characters, not bytes: 8 Urdu letters are enough.
    assert_eq!(
        strength("ابپتٹثجچ").max(Strength::Weak),
        strength("ابپتٹثجچ")
    );
    assert_ne!(strength("ابپتٹثجچ"), Strength::TooShort);
    assert_eq!(strength("aaaaaaaa"), Strength::Weak);
    assert_eq!(strength("password"), Strength::Weak);
    assert_eq!(strength("12345678"), Strength::Weak);
    assert_eq!(strength("Sunny day 7"), Strength::Fair);
    assert_eq!(strength("blue kettle under the stairs"), Strength::Strong);
    assert_eq!(strength("Kettle-7-Stairs"), Strength::Strong);
}
